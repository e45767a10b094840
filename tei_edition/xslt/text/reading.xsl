<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any TEI P5 document -> a plain reading text (UTF-8, no line wrapping).

  Layout:
    header lines (title(s), Author, Date, Source, Licence), each ending in LF;
    then every block as LF + text + LF (so blocks are separated by one blank
    line; consecutive verse lines outside an lg by a single LF);
    then, if there are notes, "Notes" and one block "[N] text" per note.

  Two modes:
    rt-block  walks containers (text, front, body, div, …). Known blocks (p, head,
              l, lg, sp, list, …) become one block each; an unknown element is a
              block when it has text of its own, a container when it has block
              children, otherwise a block. Stray text between blocks is a block:
              text is never dropped.
    rt-inline builds a block's text as one string, with the line marker $tx-M
              for lb and around nested lines (l in lg, item in list, speaker in
              sp, p in a note…); tx-clean-lines then normalises the whitespace of
              each line. Readings: corr, reg, expan (not sic, orig, abbr);
              lem or the first rdg; del omitted, add kept; gap "[…]"; q with its
              @rend marks or “ ”; note -> "[N]", its text goes to Notes.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    exclude-result-prefixes="tei xi">

  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/text.xsl"/>
  <xsl:include href="../common/notes.xsl"/>
  <xsl:include href="../common/transcr.xsl"/>

  <xsl:output method="text" encoding="UTF-8" indent="no"/>


  <xsl:template match="/">
    <xsl:variable name="header">
      <xsl:if test="$header != 'no'"><xsl:call-template name="rt-header"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($header)">
        <xsl:value-of select="$header"/>
        <xsl:apply-templates select="*" mode="rt-block"/>
        <xsl:call-template name="rt-apparatus"/>
        <xsl:call-template name="rt-notes"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- no header (e.g. a bare surface): drop the blank line before the first block -->
        <xsl:variable name="body">
          <xsl:apply-templates select="*" mode="rt-block"/>
          <xsl:call-template name="rt-apparatus"/>
          <xsl:call-template name="rt-notes"/>
        </xsl:variable>
        <xsl:value-of select="substring($body, 2)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ header -->

  <xsl:template name="rt-header">
    <xsl:if test="$tx-titles">
      <xsl:for-each select="$tx-titles">
        <xsl:if test="position() &gt; 1"><xsl:text> — </xsl:text></xsl:if>
        <xsl:call-template name="rt-flat"/>
      </xsl:for-each>
      <xsl:value-of select="$tx-NL"/>
    </xsl:if>
    <xsl:if test="$tx-authors">
      <xsl:text>Author: </xsl:text>
      <xsl:for-each select="$tx-authors">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <xsl:call-template name="rt-flat"/>
      </xsl:for-each>
      <xsl:value-of select="$tx-NL"/>
    </xsl:if>
    <xsl:variable name="date"><xsl:call-template name="tx-date-text"/></xsl:variable>
    <xsl:if test="string($date)">
      <xsl:value-of select="concat('Date: ', $date, $tx-NL)"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$tx-sources">
        <xsl:for-each select="$tx-sources">
          <xsl:call-template name="rt-source"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$tx-source-desc/*[1]">
          <xsl:call-template name="rt-source"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="licence"><xsl:call-template name="tx-licence-line"/></xsl:variable>
    <xsl:if test="string($licence)">
      <xsl:value-of select="concat('Licence: ', $licence, $tx-NL)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="rt-source">
    <xsl:variable name="line"><xsl:call-template name="tx-source-line"/></xsl:variable>
    <xsl:if test="string($line)">
      <xsl:value-of select="concat('Source: ', $line, $tx-NL)"/>
    </xsl:if>
  </xsl:template>

  <!-- the context element's reading text on one line -->
  <xsl:template name="rt-flat">
    <xsl:variable name="raw"><xsl:apply-templates mode="rt-inline"/></xsl:variable>
    <xsl:value-of select="normalize-space(translate($raw, $tx-M, ' '))"/>
  </xsl:template>

  <!-- ============================================================ blocks -->

  <!-- one block: LF + normalised text + LF; nothing at all when it has no text.
       $gap false: no blank line before it (a verse line after a verse line).
       $prefix (a note's "[N] ") runs into the first line: when the content starts
       with a nested block (a note made of p's), that block's first line. -->
  <xsl:template name="rt-emit-block">
    <xsl:param name="gap" select="true()"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="first" select="*[not(self::tei:space)][1][not(preceding-sibling::text()[normalize-space()])]
        [contains($tx-lines, concat(' ', local-name(), ' '))]"/>
    <xsl:variable name="raw">
      <xsl:value-of select="$prefix"/>
      <xsl:choose>
        <xsl:when test="$prefix and $first">
          <xsl:apply-templates select="$first/node()" mode="rt-inline"/>
          <xsl:value-of select="$tx-M"/>
          <xsl:apply-templates select="$first/following-sibling::node()" mode="rt-inline"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="rt-inline"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="text">
      <xsl:call-template name="tx-clean-lines">
        <xsl:with-param name="s" select="string($raw)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($text)">
      <xsl:if test="$gap"><xsl:value-of select="$tx-NL"/></xsl:if>
      <xsl:value-of select="$text"/>
      <xsl:value-of select="$tx-NL"/>
    </xsl:if>
  </xsl:template>

  <!-- metadata is handled by the header; facsimiles and XIncludes are not text -->
  <xsl:template match="tei:teiHeader | tei:facsimile | xi:include" mode="rt-block"/>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="rt-block">
    <xsl:apply-templates select="node()[not(self::tei:teiHeader)]" mode="rt-block"/>
  </xsl:template>

  <!-- text standing between blocks (e.g. "," after an l in a quote) -->
  <xsl:template match="text()" mode="rt-block">
    <xsl:if test="normalize-space()">
      <xsl:value-of select="concat($tx-NL, normalize-space(), $tx-NL)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:sp | tei:list | tei:table | tei:item
                       | tei:label | tei:speaker | tei:stage | tei:titlePart | tei:docAuthor
                       | tei:docDate | tei:docImprint | tei:docEdition | tei:byline
                       | tei:trailer | tei:salute | tei:dateline | tei:signed | tei:castItem
                       | tei:bibl | tei:biblStruct | tei:fw"
                mode="rt-block">
    <xsl:call-template name="rt-emit-block"/>
  </xsl:template>

  <!-- verse lines (or manuscript lines) outside an lg: one line each, no blank
       line between consecutive ones -->
  <xsl:template match="tei:l | tei:line" mode="rt-block">
    <xsl:call-template name="rt-emit-block">
      <xsl:with-param name="gap" select="not(preceding-sibling::*[1][self::tei:l or self::tei:line])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a stanza is a block; an lg of stanzas is a container -->
  <xsl:template match="tei:lg" mode="rt-block">
    <xsl:choose>
      <xsl:when test="tei:lg"><xsl:apply-templates mode="rt-block"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="rt-emit-block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:listBibl" mode="rt-block">
    <xsl:apply-templates mode="rt-block"/>
  </xsl:template>

  <!-- a note standing between blocks is a block "[N] text" where it is (not a bare
       marker there plus its text under Notes); a called endnote is at its call -->
  <xsl:template match="tei:note" mode="rt-block">
    <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
    <xsl:variable name="listed"><xsl:call-template name="tx-note-listed"/></xsl:variable>
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(string($listed)) or string($called)"/>
      <xsl:when test="string($alone)">
        <xsl:call-template name="rt-emit-block">
          <xsl:with-param name="prefix" select="concat('[', $n, '] ')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($tx-NL, '[', $n, ']', $tx-NL)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- pb, milestone, anchor… between blocks: nothing to read -->
  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:anchor | tei:space | tei:lb"
                mode="rt-block"/>

  <!-- any other element: a block if it has text of its own; a container if it has
       block children (l and line do not count: a quote of verse lines stays one block);
       otherwise a block -->
  <xsl:template match="*" mode="rt-block">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:call-template name="rt-emit-block"/>
      </xsl:when>
      <xsl:when test="*[contains($tx-lines, concat(' ', local-name(), ' '))][not(self::tei:l or self::tei:line)]">
        <xsl:apply-templates mode="rt-block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rt-emit-block"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ inline -->

  <!-- a line break, unless it breaks a word (common/transcr.xsl) -->
  <xsl:template match="tei:lb" mode="rt-inline">
    <xsl:variable name="joins"><xsl:call-template name="tx-joins"/></xsl:variable>
    <xsl:if test="not(string($joins))"><xsl:value-of select="$tx-M"/></xsl:if>
  </xsl:template>

  <!-- text: as it is, unless next to a word-breaking lb/pb/cb (the test of tx-text,
       as a pattern: most text nodes are not, and matching is much cheaper than the
       template's variables) -->
  <xsl:template match="text()" mode="rt-inline">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="text()[(preceding-sibling::node()[1] | following-sibling::node()[1])
                              [self::tei:lb or self::tei:pb or self::tei:cb]
                              [@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden']]"
                mode="rt-inline">
    <xsl:call-template name="tx-text"/>
  </xsl:template>

  <!-- a note's marker; a note standing in a register entry is read in place -->
  <xsl:template match="tei:note" mode="rt-inline">
    <xsl:variable name="listed"><xsl:call-template name="tx-note-listed"/></xsl:variable>
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:if test="string($listed) and not(string($called))">
      <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
      <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
      <xsl:value-of select="concat('[', $n, ']')"/>
      <xsl:if test="string($alone)">
        <xsl:text> </xsl:text>
        <xsl:apply-templates mode="rt-inline"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- a pointer: an endnote's first call is its marker; "#x" reads as x's @n or
       head; a URL as <URL> -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="rt-inline">
    <xsl:variable name="calls"><xsl:call-template name="tx-call-note"/></xsl:variable>
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="dest" select="key('tx-ids', substring($target, 2))[starts-with($target, '#')][1]"/>
    <xsl:choose>
      <xsl:when test="string($calls)">
        <xsl:if test="string-length(normalize-space()) &gt; 3"><xsl:apply-templates mode="rt-inline"/></xsl:if>
        <xsl:for-each select="$dest">
          <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
          <xsl:value-of select="concat('[', $n, ']')"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="self::tei:ref"><xsl:call-template name="tx-sep"/><xsl:apply-templates mode="rt-inline"/></xsl:when>
      <xsl:when test="normalize-space($dest/@n)"><xsl:value-of select="normalize-space($dest/@n)"/></xsl:when>
      <xsl:when test="normalize-space($dest/tei:head)"><xsl:value-of select="normalize-space($dest/tei:head[1])"/></xsl:when>
      <xsl:when test="$dest/self::tei:note">
        <xsl:for-each select="$dest"><xsl:call-template name="tx-note-n"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('&lt;', $target, '&gt;')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the editorial reading: corr, reg, expan; else the first alternative.
       Notes inside the readings not shown keep their markers (their text is listed
       under Notes). -->
  <xsl:template match="tei:choice" mode="rt-inline">
    <xsl:variable name="shown" select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
    <xsl:apply-templates select="$shown" mode="rt-inline"/>
    <xsl:apply-templates select="*[count(. | $shown) != 1]//tei:note" mode="rt-inline"/>
  </xsl:template>

  <!-- the lemma, else the first reading -->
  <xsl:template match="tei:app" mode="rt-inline">
    <xsl:variable name="shown" select="(tei:lem | tei:rdg[not(../tei:lem)]
        | tei:rdgGrp[not(../tei:lem or ../tei:rdg)])[1]"/>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="$shown/self::tei:rdgGrp">
        <xsl:apply-templates select="$shown/*[self::tei:lem or self::tei:rdg][1]" mode="rt-inline"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$shown" mode="rt-inline"/></xsl:otherwise>
    </xsl:choose>
    <!-- notes of the apparatus and of the other readings still get their markers -->
    <xsl:apply-templates select="tei:note | *[count(. | $shown) != 1]//tei:note" mode="rt-inline"/>
  </xsl:template>

  <xsl:template match="tei:q | tei:said" mode="rt-inline">
    <xsl:call-template name="tx-q-pre"/>
    <xsl:apply-templates mode="rt-inline"/>
    <xsl:call-template name="tx-q-post"/>
  </xsl:template>

  <!-- authority numbers inside the header's author are not part of the name -->
  <xsl:template match="tei:titleStmt/tei:author/tei:idno" mode="rt-inline"/>

  <xsl:template match="tei:teiHeader | tei:facsimile | xi:include" mode="rt-inline"/>

  <!-- deleted text is not read; a note inside it keeps its marker -->
  <xsl:template match="tei:del" mode="rt-inline">
    <xsl:apply-templates select=".//tei:note" mode="rt-inline"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="rt-inline">
    <xsl:call-template name="tx-gap-text"/>
  </xsl:template>

  <!-- editorial signs of the edition (common/params.xsl) -->
  <xsl:template match="tei:supplied" mode="rt-inline">
    <xsl:value-of select="$supplied-open"/>
    <xsl:apply-templates mode="rt-inline"/>
    <xsl:value-of select="$supplied-close"/>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="rt-inline">
    <xsl:value-of select="$unclear-open"/>
    <xsl:apply-templates mode="rt-inline"/>
    <xsl:value-of select="$unclear-close"/>
  </xsl:template>

  <xsl:template match="tei:g" mode="rt-inline">
    <xsl:choose>
      <xsl:when test="node()"><xsl:apply-templates mode="rt-inline"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="tx-g-mapping"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- our converter's vertical gaps are layout; a horizontal space in a manuscript
       still separates words -->
  <xsl:template match="tei:space" mode="rt-inline">
    <xsl:if test="not(@dim = 'vertical')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- element and attribute names in prose about markup -->
  <xsl:template match="tei:gi" mode="rt-inline">
    <xsl:value-of select="concat('&lt;', normalize-space(), '&gt;')"/>
  </xsl:template>

  <xsl:template match="tei:tag" mode="rt-inline">
    <xsl:value-of select="concat('&lt;', normalize-space(), '&gt;')"/>
  </xsl:template>

  <xsl:template match="tei:att" mode="rt-inline">
    <xsl:value-of select="concat('@', normalize-space())"/>
  </xsl:template>

  <xsl:template match="tei:cell" mode="rt-inline">
    <xsl:if test="preceding-sibling::tei:cell"><xsl:text> | </xsl:text></xsl:if>
    <xsl:apply-templates mode="rt-inline"/>
  </xsl:template>

  <!-- any other element: its content; a line of its own when it is a block-level
       element nested in a block (l in lg, item in list, p in a note, …) -->
  <xsl:template match="*" mode="rt-inline">
    <xsl:choose>
      <xsl:when test="contains($tx-lines, concat(' ', local-name(), ' '))
                      or (self::tei:stage and (parent::tei:sp or parent::tei:lg or parent::tei:div))
                      or (self::tei:bibl and parent::tei:listBibl)">
        <xsl:value-of select="$tx-M"/>
        <xsl:apply-templates mode="rt-inline"/>
        <xsl:value-of select="$tx-M"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tx-sep"/>
        <xsl:apply-templates mode="rt-inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================= notes -->

  <!-- the notes in the order of their marks (common/notes.xsl), under their markers -->
  <xsl:template name="rt-notes">
    <xsl:variable name="notes">
      <xsl:for-each select="$tx-note-index/tx-note-pos">
        <xsl:variable name="gid" select="@id"/>
        <xsl:for-each select="$tx-root">
          <xsl:for-each select="key('tx-note-by-gid', $gid)">
            <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
            <xsl:if test="not(string($alone))">
              <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
              <xsl:call-template name="rt-emit-block">
                <xsl:with-param name="prefix" select="concat('[', $n, '] ')"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="string($notes)">
      <xsl:value-of select="concat($tx-NL, $notes-heading, $tx-NL, $notes)"/>
    </xsl:if>
  </xsl:template>

  <!-- ========================================================== apparatus -->

  <!-- every app with readings beside its base text, numbered:
       "1. lemma] reading B; om. C" (the base is the lem, else the first rdg) -->
  <xsl:key name="rt-apps" match="tei:app[not(ancestor::tei:teiHeader)]" use="'all'"/>

  <xsl:template name="rt-apparatus">
    <xsl:variable name="apps" select="key('rt-apps', 'all')"/>
    <xsl:if test="$apps">
      <xsl:value-of select="concat($tx-NL, $apparatus-heading, $tx-NL)"/>
      <xsl:for-each select="$apps">
        <xsl:variable name="main" select="(tei:lem | tei:rdg[not(../tei:lem)]
            | tei:rdgGrp[not(../tei:lem or ../tei:rdg)]/*[self::tei:lem or self::tei:rdg])[1]"/>
        <xsl:variable name="variants" select="(tei:rdg | tei:rdgGrp/tei:rdg | tei:rdgGrp/tei:lem)[count(. | $main) != 1]"/>
        <xsl:variable name="raw">
          <xsl:value-of select="concat(position(), '. ')"/>
          <xsl:for-each select="$main">
            <xsl:call-template name="rt-reading"/>
            <xsl:text>]</xsl:text>
            <xsl:if test="not(self::tei:lem)">
              <xsl:text> (no lemma: text of </xsl:text>
              <xsl:call-template name="tx-sigla"/>
              <xsl:text>)</xsl:text>
            </xsl:if>
          </xsl:for-each>
          <xsl:for-each select="$variants">
            <xsl:if test="position() &gt; 1"><xsl:text>;</xsl:text></xsl:if>
            <xsl:text> </xsl:text>
            <xsl:call-template name="rt-reading"/>
            <xsl:if test="@wit">
              <xsl:text> </xsl:text>
              <xsl:call-template name="tx-sigla"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:value-of select="concat($tx-NL, normalize-space(translate($raw, $tx-M, ' ')), $tx-NL)"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- a reading's text, "om." when it is empty; its notes are under Notes -->
  <xsl:template name="rt-reading">
    <xsl:variable name="r"><xsl:apply-templates select="node()[not(self::tei:note)]" mode="rt-inline"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space(translate($r, $tx-M, ' '))"><xsl:value-of select="$r"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$omitted"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
