<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any TEI P5 document -> Markdown (CommonMark + footnotes, as Pandoc and static-site
  tools read it).

  Built on the reading text (text/reading.xsl, imported: same readings, blocks,
  word joins, apparatus and note numbering) with Markdown on top:
    - metadata as YAML front matter (title, author, date, source, licence, lang);
    - head as "#" headings by div depth;
    - notes as [^n] markers and "[^n]: text" definitions at the end;
    - lines of a block (verse lines, lb) kept with CommonMark hard breaks ("\");
    - list items as "- ", hi as *emphasis* / **strong**, links as [text](url).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:import href="../text/reading.xsl"/>

  <xsl:output method="text" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="$header != 'no'"><xsl:call-template name="md-front-matter"/></xsl:if>
    <xsl:variable name="body">
      <xsl:apply-templates select="*" mode="rt-block"/>
      <xsl:call-template name="rt-apparatus"/>
      <xsl:call-template name="md-notes"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$header != 'no'"><xsl:value-of select="$body"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($body, 2)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================================== front matter -->

  <xsl:template name="md-front-matter">
    <xsl:text>---&#10;</xsl:text>
    <xsl:if test="$tx-titles">
      <xsl:variable name="t">
        <xsl:for-each select="$tx-titles">
          <xsl:if test="position() &gt; 1"><xsl:text> — </xsl:text></xsl:if>
          <xsl:call-template name="rt-flat"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="'title'"/><xsl:with-param name="value" select="$t"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$tx-authors">
      <xsl:text>author:&#10;</xsl:text>
      <xsl:for-each select="$tx-authors">
        <xsl:variable name="a"><xsl:call-template name="rt-flat"/></xsl:variable>
        <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="' '"/><xsl:with-param name="value" select="$a"/></xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <xsl:variable name="date"><xsl:call-template name="tx-date-text"/></xsl:variable>
    <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="'date'"/><xsl:with-param name="value" select="$date"/></xsl:call-template>
    <xsl:for-each select="($tx-sources | $tx-source-desc/*[1][not($tx-sources)])[1]">
      <xsl:variable name="s"><xsl:call-template name="tx-source-line"/></xsl:variable>
      <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="'source'"/><xsl:with-param name="value" select="$s"/></xsl:call-template>
    </xsl:for-each>
    <xsl:variable name="licence"><xsl:call-template name="tx-licence-line"/></xsl:variable>
    <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="'licence'"/><xsl:with-param name="value" select="$licence"/></xsl:call-template>
    <xsl:variable name="lang"><xsl:call-template name="tx-lang"><xsl:with-param name="fallback" select="$default-lang"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="md-yaml"><xsl:with-param name="key" select="'lang'"/><xsl:with-param name="value" select="$lang"/></xsl:call-template>
    <xsl:text>---&#10;</xsl:text>
  </xsl:template>

  <!-- key: 'value' (single-quoted YAML: a quote is doubled); nothing when empty.
       key ' ' is a list item. -->
  <xsl:template name="md-yaml">
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value)">
      <xsl:choose>
        <xsl:when test="$key = ' '"><xsl:text>  - '</xsl:text></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($key, ': ', &quot;'&quot;)"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="md-replace">
        <xsl:with-param name="s" select="normalize-space($value)"/>
        <xsl:with-param name="from" select="&quot;'&quot;"/>
        <xsl:with-param name="to" select="&quot;''&quot;"/>
      </xsl:call-template>
      <xsl:text>'&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="md-replace">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($s, $from)">
        <xsl:value-of select="concat(substring-before($s, $from), $to)"/>
        <xsl:call-template name="md-replace">
          <xsl:with-param name="s" select="substring-after($s, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ blocks -->

  <!-- a block as in the reading text, its lines joined by hard breaks ("\" at the
       end of a line) so verse lines and line breaks survive Markdown's reflow;
       not before a list item, which starts a line of its own anyway -->
  <xsl:template name="rt-emit-block">
    <xsl:param name="gap" select="true()"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="raw">
      <xsl:value-of select="$prefix"/>
      <xsl:apply-templates mode="rt-inline"/>
    </xsl:variable>
    <xsl:variable name="text">
      <xsl:call-template name="tx-clean-lines">
        <xsl:with-param name="s" select="string($raw)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($text)">
      <xsl:value-of select="$tx-NL"/>
      <xsl:call-template name="md-hard-breaks"><xsl:with-param name="s" select="string($text)"/></xsl:call-template>
      <xsl:value-of select="$tx-NL"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="md-hard-breaks">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, $tx-NL)">
        <xsl:variable name="rest" select="substring-after($s, $tx-NL)"/>
        <xsl:value-of select="substring-before($s, $tx-NL)"/>
        <xsl:if test="not(starts-with($rest, '- '))"><xsl:text>\</xsl:text></xsl:if>
        <xsl:value-of select="$tx-NL"/>
        <xsl:call-template name="md-hard-breaks"><xsl:with-param name="s" select="$rest"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- verse lines: one block per stanza, each line kept -->
  <xsl:template match="tei:l | tei:line" mode="rt-block">
    <xsl:call-template name="rt-emit-block"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="rt-block">
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1
        or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5])"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth &lt; 1">1</xsl:when>
        <xsl:when test="$depth &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="t"><xsl:call-template name="rt-flat"/></xsl:variable>
    <xsl:if test="normalize-space($t)">
      <xsl:value-of select="concat($tx-NL, substring('######', 1, $level), ' ', $t, $tx-NL)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="rt-block">
    <xsl:variable name="t"><xsl:call-template name="rt-flat"/></xsl:variable>
    <xsl:value-of select="concat($tx-NL, '**', $t, '**', $tx-NL)"/>
  </xsl:template>

  <xsl:template match="tei:stage" mode="rt-block">
    <xsl:variable name="t"><xsl:call-template name="rt-flat"/></xsl:variable>
    <xsl:if test="normalize-space($t)"><xsl:value-of select="concat($tx-NL, '*', $t, '*', $tx-NL)"/></xsl:if>
  </xsl:template>

  <!-- ================================================================ inline -->

  <xsl:template match="tei:item" mode="rt-inline">
    <xsl:value-of select="concat($tx-M, '- ')"/>
    <xsl:apply-templates mode="rt-inline"/>
    <xsl:value-of select="$tx-M"/>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph | tei:title[not(ancestor::tei:teiHeader)] | tei:foreign" mode="rt-inline">
    <xsl:variable name="r" select="concat(' ', @rend, ' ')"/>
    <xsl:variable name="mark">
      <xsl:choose>
        <xsl:when test="contains($r, ' bold ') or contains($r, ' b ')">**</xsl:when>
        <xsl:when test="self::tei:hi and normalize-space(@rend) and not(contains($r, 'italic'))"/>
        <xsl:otherwise>*</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="t"><xsl:apply-templates mode="rt-inline"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <!-- emphasis markers must touch the text: keep outer spaces outside -->
      <xsl:when test="normalize-space($t) and string($mark)">
        <xsl:if test="starts-with($t, ' ')"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="concat($mark, normalize-space($t), $mark)"/>
        <xsl:if test="substring($t, string-length($t)) = ' '"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="rt-inline">
    <xsl:variable name="listed"><xsl:call-template name="tx-note-listed"/></xsl:variable>
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:if test="string($listed) and not(string($called))">
      <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="string($alone)"><xsl:apply-templates mode="rt-inline"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="md-marker"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="rt-block">
    <xsl:variable name="listed"><xsl:call-template name="tx-note-listed"/></xsl:variable>
    <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(string($listed)) or string($called)"/>
      <xsl:when test="string($alone)"><xsl:call-template name="rt-emit-block"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$tx-NL"/><xsl:call-template name="md-marker"/><xsl:value-of select="$tx-NL"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- [^n]: footnote labels may not contain spaces or brackets -->
  <xsl:template name="md-marker">
    <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
    <xsl:value-of select="concat('[^', translate(normalize-space($n), ' []^', '-'), ']')"/>
  </xsl:template>

  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="rt-inline">
    <xsl:variable name="calls"><xsl:call-template name="tx-call-note"/></xsl:variable>
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="dest" select="key('tx-ids', substring($target, 2))[starts-with($target, '#')][1]"/>
    <xsl:choose>
      <xsl:when test="string($calls)">
        <xsl:if test="string-length(normalize-space()) &gt; 3"><xsl:apply-templates mode="rt-inline"/></xsl:if>
        <xsl:for-each select="$dest"><xsl:call-template name="md-marker"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="starts-with($target, 'http://') or starts-with($target, 'https://')">
        <xsl:variable name="t"><xsl:apply-templates mode="rt-inline"/></xsl:variable>
        <xsl:call-template name="tx-sep"/>
        <xsl:choose>
          <xsl:when test="normalize-space($t)"><xsl:value-of select="concat('[', normalize-space($t), '](', $target, ')')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('&lt;', $target, '&gt;')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:apply-imports/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================= notes -->

  <xsl:template name="md-notes">
    <xsl:for-each select="$tx-note-index/tx-note-pos">
      <xsl:variable name="gid" select="@id"/>
      <xsl:for-each select="$tx-root">
        <xsl:for-each select="key('tx-note-by-gid', $gid)">
          <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
          <xsl:if test="not(string($alone))">
            <xsl:variable name="m"><xsl:call-template name="md-marker"/></xsl:variable>
            <xsl:variable name="raw"><xsl:apply-templates mode="rt-inline"/></xsl:variable>
            <xsl:variable name="text">
              <xsl:call-template name="tx-clean-lines"><xsl:with-param name="s" select="string($raw)"/></xsl:call-template>
            </xsl:variable>
            <!-- a note of several paragraphs: the further ones indented, as footnotes need -->
            <xsl:value-of select="concat($tx-NL, $m, ': ')"/>
            <xsl:call-template name="md-replace">
              <xsl:with-param name="s" select="string($text)"/>
              <xsl:with-param name="from" select="$tx-NL"/>
              <xsl:with-param name="to" select="concat($tx-NL, $tx-NL, '    ')"/>
            </xsl:call-template>
            <xsl:value-of select="$tx-NL"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
