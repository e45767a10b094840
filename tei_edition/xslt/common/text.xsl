<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared helpers for the tei-edition exporters (XSLT 1.0, libxslt).

  Included (xsl:include) by html/document.xsl, text/reading.xsl and
  text/diplomatic.xsl. Everything here is a key, a global variable, a named
  template or a template in a "tx-" mode, so including it never changes how an
  entry stylesheet's own modes match.

  Performance notes (libxslt):
  - no "//a | //b" unions over the document (merging large node-sets is
    super-linear in libxml2); every walk is an xsl:apply-templates over
    children, and every global lookup goes through an xsl:key (one pass over
    the document). Unions appear only over a handful of nodes (header facts,
    the children of one choice or app).
  - "preceding-sibling::node()[1]" and "ancestor::*[…][1]" stop at the first
    hit in libxml2, so they are cheap; "count(preceding::x)" or
    xsl:number level="any" would rescan the document for every node (see the
    note numbering below). "preceding-sibling::node()[test][1]" is not
    optimised: it is avoided in templates that run for every lb.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    exclude-result-prefixes="tei exsl xi">

  <!-- Line-break placeholder used while a block is built as a string. U+FDD0 is a
       Unicode noncharacter: legal in XML, never found in real text. Blocks are first
       collected as one string with this marker for lb/line boundaries, then
       tx-clean-lines normalises each line's whitespace and turns markers into LF. -->
  <xsl:variable name="tx-M" select="'&#xFDD0;'"/>
  <xsl:variable name="tx-NL" select="'&#10;'"/>

  <!-- Elements that may sit inside a word (w<del>o</del><add>a</add>rd, Imp<ex>eratoris</ex>):
       no space is ever added next to them. Other adjacent sibling elements with no
       text between them (compact XML: <forename>A</forename><surname>B</surname>)
       get one separating space, so words are not glued together. -->
  <xsl:variable name="tx-subword" select="concat(' ', normalize-space('
      hi add del subst mod choice sic corr orig reg abbr expan ex am supplied unclear gap
      damage restore seg w c g pc app lem rdg rdgGrp lb pb cb gb milestone anchor handShift
      space metamark surplus secl note emph foreign q said label num'), ' ')"/>

  <!-- Elements that are blocks / lines of their own (by local name, so the TEI
       Examples namespace is treated like TEI). Used by the reading text to decide
       where lines start and whether an unknown element is a container of blocks. -->
  <xsl:variable name="tx-lines" select="concat(' ', normalize-space('
      p ab head l lg sp speaker list item table row div div1 div2 div3 div4 div5 div6 div7
      text front body back group floatingText titlePage docTitle titlePart docAuthor docDate
      docImprint docEdition byline opener closer postscript salute dateline signed trailer
      argument epigraph castList castGroup castItem figure figDesc listBibl listPerson
      listPlace listOrg listEvent listRelation person personGrp place org event relation
      u entry sense sourceDoc surfaceGrp surface zone line'), ' ')"/>

  <!-- ===================================================================== keys -->

  <!-- xml:id lookup (e.g. is "#x" a target inside this document?). -->
  <xsl:key name="tx-ids" match="*[@xml:id]" use="@xml:id"/>

  <!-- ========================================================== header facts -->

  <xsl:variable name="tx-header" select="/*/tei:teiHeader"/>
  <xsl:variable name="tx-titles" select="$tx-header/tei:fileDesc/tei:titleStmt/tei:title"/>
  <xsl:variable name="tx-authors" select="$tx-header/tei:fileDesc/tei:titleStmt/tei:author"/>
  <xsl:variable name="tx-creation-date"
      select="$tx-header/tei:profileDesc/tei:creation/tei:date[1]"/>
  <xsl:variable name="tx-doc-date" select="/*/tei:text/tei:front/descendant::tei:docDate[1]"/>
  <xsl:variable name="tx-sent-date"
      select="$tx-header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date[1]"/>
  <!-- the document's date: profileDesc/creation/date, else front docDate, else the
       sending date of a letter. A union of at most three nodes, then the first. -->
  <xsl:variable name="tx-date"
      select="($tx-creation-date
              | $tx-doc-date[not($tx-creation-date)]
              | $tx-sent-date[not($tx-creation-date or $tx-doc-date)])[1]"/>
  <xsl:variable name="tx-source-desc" select="$tx-header/tei:fileDesc/tei:sourceDesc"/>
  <!-- bibliographic descriptions of the source; if none, the first child (e.g. msDesc, p) -->
  <xsl:variable name="tx-sources"
      select="$tx-source-desc/*[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull]"/>
  <xsl:variable name="tx-licence"
      select="$tx-header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]"/>
  <xsl:variable name="tx-availability"
      select="$tx-header/tei:fileDesc/tei:publicationStmt/tei:availability[1]"/>

  <!-- The page language: the root's xml:lang, else text/@xml:lang, else the first
       language of profileDesc/langUsage, else $fallback (by default none: never a
       guess). -->
  <xsl:template name="tx-lang">
    <xsl:param name="fallback" select="''"/>
    <xsl:choose>
      <xsl:when test="normalize-space(/*/@xml:lang)">
        <xsl:value-of select="normalize-space(/*/@xml:lang)"/>
      </xsl:when>
      <xsl:when test="normalize-space(/*/tei:text/@xml:lang)">
        <xsl:value-of select="normalize-space(/*/tei:text/@xml:lang)"/>
      </xsl:when>
      <xsl:when test="normalize-space($tx-header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)">
        <xsl:value-of select="normalize-space($tx-header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The date as text: its content, else its @when / @from–@to. -->
  <xsl:template name="tx-date-text">
    <xsl:param name="date" select="$tx-date"/>
    <xsl:choose>
      <xsl:when test="normalize-space($date)"><xsl:value-of select="normalize-space($date)"/></xsl:when>
      <xsl:when test="$date/@when"><xsl:value-of select="$date/@when"/></xsl:when>
      <xsl:when test="$date/@from or $date/@to">
        <xsl:value-of select="concat($date/@from, '–', $date/@to)"/>
      </xsl:when>
      <xsl:when test="$date/@notBefore or $date/@notAfter">
        <xsl:value-of select="concat($date/@notBefore, '–', $date/@notAfter)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The source, in one line (context: a child of sourceDesc). -->
  <xsl:template name="tx-source-line">
    <xsl:variable name="raw">
      <xsl:choose>
        <!-- a whole manuscript description is too much for one line: its shelfmark -->
        <xsl:when test="self::tei:msDesc and tei:msIdentifier">
          <xsl:apply-templates select="tei:msIdentifier" mode="tx-one-line"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="tx-one-line"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="normalize-space($raw)"/>
  </xsl:template>

  <!-- The licence in one line: its text, and its @target when that is not the text.
       A licence given as a whole legal text (hundreds of words) is shortened to its
       URL when it has one: this is a one-line header. -->
  <xsl:template name="tx-licence-line">
    <xsl:choose>
      <xsl:when test="$tx-licence">
        <xsl:variable name="url" select="normalize-space($tx-licence/@target)"/>
        <xsl:variable name="text"
            select="normalize-space($tx-licence[not($url and string-length(normalize-space()) &gt; 200)])"/>
        <xsl:value-of select="$text"/>
        <xsl:if test="$url and $url != $text">
          <xsl:if test="$text"><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="concat('&lt;', $url, '&gt;')"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($tx-availability)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- tx-one-line: a bibliographic element as one line of text. Mixed content keeps
       its own punctuation; element-only content is joined with ", ". -->
  <xsl:template match="*" mode="tx-one-line">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:apply-templates mode="tx-one-line"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- parts first, then joined: a part that renders empty (only a note, an
             empty idno…) gets no separator, so no "Source: , , ," -->
        <xsl:variable name="parts">
          <xsl:for-each select="*[normalize-space() or self::tei:ptr]">
            <xsl:variable name="one"><xsl:apply-templates select="." mode="tx-one-line"/></xsl:variable>
            <xsl:if test="normalize-space($one)"><tx-part><xsl:value-of select="normalize-space($one)"/></tx-part></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:for-each select="exsl:node-set($parts)/tx-part">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a respStmt reads "Transcribed: Tom Transcriber", "Coding by Ann" -->
  <xsl:template match="tei:respStmt" mode="tx-one-line">
    <xsl:for-each select="*[normalize-space()]">
      <xsl:if test="position() &gt; 1">
        <xsl:variable name="resp" select="preceding-sibling::*[normalize-space()][1][self::tei:resp]"/>
        <xsl:choose>
          <xsl:when test="$resp and substring(normalize-space($resp), string-length(normalize-space($resp)) - 2) = ' by'">
            <xsl:text> </xsl:text>
          </xsl:when>
          <xsl:when test="$resp"><xsl:text>: </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:note" mode="tx-one-line"/>

  <!-- a pointer in the header is its URL, not nothing -->
  <xsl:template match="tei:ptr" mode="tx-one-line">
    <xsl:value-of select="concat('&lt;', normalize-space(@target), '&gt;')"/>
  </xsl:template>

  <xsl:template match="text()" mode="tx-one-line">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- ============================================================ quotations -->

  <!-- q/@rend in the TEI Stylesheets convention "pre(X) post(Y)": the marks that were
       removed from the text. Marks may be any characters, brackets included, so the
       value ends at ") post(" / ") pre(" / ") " / the final ")" rather than at the
       first ")". Without any pre(/post( the defaults are used. -->
  <xsl:template name="tx-q-pre">
    <xsl:param name="rend" select="@rend"/>
    <xsl:param name="default" select="'“'"/>
    <xsl:choose>
      <xsl:when test="contains($rend, 'pre(')">
        <xsl:call-template name="tx-rend-value">
          <xsl:with-param name="a" select="substring-after($rend, 'pre(')"/>
          <xsl:with-param name="other" select="'post('"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($rend, 'post(')"/>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tx-q-post">
    <xsl:param name="rend" select="@rend"/>
    <xsl:param name="default" select="'”'"/>
    <xsl:choose>
      <xsl:when test="contains($rend, 'post(')">
        <xsl:call-template name="tx-rend-value">
          <xsl:with-param name="a" select="substring-after($rend, 'post(')"/>
          <xsl:with-param name="other" select="'pre('"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($rend, 'pre(')"/>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tx-rend-value">
    <xsl:param name="a"/>
    <xsl:param name="other"/>
    <xsl:choose>
      <xsl:when test="contains($a, concat(') ', $other))">
        <xsl:value-of select="substring-before($a, concat(') ', $other))"/>
      </xsl:when>
      <xsl:when test="contains($a, concat(')', $other))">
        <xsl:value-of select="substring-before($a, concat(')', $other))"/>
      </xsl:when>
      <xsl:when test="contains($a, ') ')"><xsl:value-of select="substring-before($a, ') ')"/></xsl:when>
      <xsl:when test="substring($a, string-length($a)) = ')'">
        <xsl:value-of select="substring($a, 1, string-length($a) - 1)"/>
      </xsl:when>
      <xsl:when test="contains($a, ')')"><xsl:value-of select="substring-before($a, ')')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ====================================================== names, references -->

  <!-- A space between two adjacent sibling elements that are both word-level
       (context: the later one), so compact XML does not glue words together. -->
  <xsl:template name="tx-sep">
    <xsl:variable name="prev" select="preceding-sibling::node()[1]"/>
    <xsl:if test="$prev/self::*
                  and not(contains($tx-subword, concat(' ', local-name(), ' ')))
                  and not(contains($tx-subword, concat(' ', local-name($prev), ' ')))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ========================================================== whitespace -->

  <!-- tx-clean-lines: $s is a block's raw text with $tx-M where lines break. Each
       line is whitespace-normalised (like normalize-space: runs of spaces, tabs and
       newlines from pretty-printed XML become one space, but the single spaces
       around inline elements survive because the text is joined before it is
       normalised); empty lines are dropped; lines are joined with LF.
       Divide and conquer at a marker near the middle (tx-split-at), so the
       recursion depth stays logarithmic, far below libxslt's template depth limit,
       even for a block with thousands of lb. -->
  <xsl:template name="tx-clean-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="not(contains($s, $tx-M))">
        <xsl:value-of select="normalize-space($s)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="at">
          <xsl:call-template name="tx-split-at">
            <xsl:with-param name="s" select="$s"/>
            <xsl:with-param name="from" select="floor(string-length($s) div 2)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="left">
          <xsl:call-template name="tx-clean-lines">
            <xsl:with-param name="s" select="substring($s, 1, $at - 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="right">
          <xsl:call-template name="tx-clean-lines">
            <xsl:with-param name="s" select="substring($s, $at + 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="$left"/>
        <xsl:if test="string($left) and string($right)"><xsl:value-of select="$tx-NL"/></xsl:if>
        <xsl:value-of select="$right"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Position of the first $tx-M after character $from, halving $from until there
       is one ($s contains a marker). The marker found is at or after half the
       position of the last marker, so both halves get about half of the lines'
       span even when the markers are bunched at the start of a long block. -->
  <xsl:template name="tx-split-at">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:variable name="rest" select="substring($s, $from + 1)"/>
    <xsl:choose>
      <xsl:when test="contains($rest, $tx-M) or $from &lt;= 0">
        <xsl:value-of select="$from + string-length(substring-before($rest, $tx-M)) + 1"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tx-split-at">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="from" select="floor($from div 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $n line feeds (n is small: blank lines between blocks). -->
  <xsl:template name="tx-newlines">
    <xsl:param name="n" select="1"/>
    <xsl:if test="$n &gt;= 1">
      <xsl:value-of select="$tx-NL"/>
      <xsl:call-template name="tx-newlines">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
