<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI (as written by tei-edition's converter) -> the plain transcription it was
  made from, byte for byte (docs/transcription-format.md).

  The transcription is a sequence of blocks; output = block (separator block)* LF.
  Blocks, in this order:
    1. front: each titlePart of docTitle, then every other front child element
       (docDate, byline, …), in document order;
    2. body: every element child of a div (or of body) that is not a div, space
       or note — the p's — in document order; an opener, closer or postscript
       (a letter's furniture) is a container whose element children are blocks
       (dateline, byline, salute, signed, p);
    3. endnotes: every note[@place='end'] of the body, sorted by @n as a number (length, then text); a
       note is "N. " + its inline content, or, when it holds p's, "N. " + the
       first p, then each further p as a block of its own.
  Separator before a block = LF + K x LF, K = @quantity of the space element that
  immediately precedes the block (its preceding sibling element; for a first
  titlePart, the one preceding the docTitle, and likewise for the first child
  of an opener, closer or postscript; for an endnote, the note's first child),
  default 1. In a closer, an lb between two blocks is a line break inside one
  block (a signature under the close): LF, and no separator before the next. Before the first block only K x LF, default 0 (blank lines
  at the start of the file). After the last block: LF + K x LF, K = @quantity of
  a space that is the last element of body (blank lines at the end), default 0.
  Inline: text as is; lb = LF; note = "[" @n "]"; choice = sic / orig / abbr;
  supplied = "[" content "]" (an editor's date, bracketed in the transcription);
  q = pre + content + post from @rend; space = nothing; any other element = its
  content. Nothing from the teiHeader.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:include href="../common/text.xsl"/>

  <xsl:output method="text" encoding="UTF-8" indent="no"/>

  <!-- endnotes, collected once (document order; sorted when emitted) -->
  <xsl:key name="dp-endnotes" match="tei:body//tei:note[@place='end']" use="'all'"/>

  <xsl:variable name="dp-text" select="/tei:TEI/tei:text"/>

  <!-- generate-id of the first block: it gets no separator. -->
  <xsl:variable name="dp-first">
    <xsl:variable name="f" select="$dp-text/tei:front/*[not(self::tei:space)][1]"/>
    <xsl:choose>
      <xsl:when test="$f/self::tei:docTitle and $f/*[not(self::tei:space)]">
        <xsl:value-of select="generate-id($f/*[not(self::tei:space)][1])"/>
      </xsl:when>
      <xsl:when test="$f"><xsl:value-of select="generate-id($f)"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="generate-id(($dp-text/tei:body/descendant::*
            [parent::tei:body or parent::tei:div]
            [not(self::tei:div or self::tei:space or self::tei:note)])[1])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:apply-templates select="$dp-text/tei:front/*" mode="dp-block"/>
    <xsl:apply-templates select="$dp-text/tei:body/*" mode="dp-block"/>
    <xsl:for-each select="key('dp-endnotes', 'all')">
      <!-- by length, then as text: exact for numbers of any size (number() is a double) -->
      <xsl:sort select="string-length(@n)" data-type="number"/>
      <xsl:sort select="@n"/>
      <xsl:call-template name="dp-endnote"/>
    </xsl:for-each>
    <xsl:value-of select="$tx-NL"/>
    <xsl:call-template name="tx-newlines">
      <xsl:with-param name="n">
        <xsl:call-template name="dp-quantity">
          <xsl:with-param name="gap" select="$dp-text/tei:body/*[last()][self::tei:space]"/>
          <xsl:with-param name="default" select="0"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ blocks -->

  <!-- containers: their children are the blocks -->
  <xsl:template match="tei:div" mode="dp-block">
    <xsl:apply-templates select="*" mode="dp-block"/>
  </xsl:template>

  <xsl:template match="tei:docTitle" mode="dp-block">
    <xsl:apply-templates select="*" mode="dp-block"/>
  </xsl:template>

  <!-- a letter's furniture: its children are the blocks -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript" mode="dp-block">
    <xsl:apply-templates select="*" mode="dp-block"/>
  </xsl:template>

  <!-- the first block of a letter's furniture: its gap is the space before the container -->
  <xsl:template match="*[parent::tei:opener or parent::tei:closer or parent::tei:postscript]
                        [not(self::tei:space or self::tei:lb)][not(preceding-sibling::*)]"
                mode="dp-block" priority="2">
    <xsl:call-template name="dp-block">
      <xsl:with-param name="gap" select="../preceding-sibling::*[1][self::tei:space]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a signature on the line under the close: one block with it -->
  <xsl:template match="tei:closer/tei:lb" mode="dp-block">
    <xsl:value-of select="$tx-NL"/>
  </xsl:template>

  <xsl:template match="tei:closer/*[preceding-sibling::*[1][self::tei:lb]]" mode="dp-block"
                priority="1">
    <xsl:apply-templates mode="dp-inline"/>
  </xsl:template>

  <!-- a gap is read by the block after it; a stray note is emitted as an endnote -->
  <xsl:template match="tei:space | tei:note" mode="dp-block"/>

  <!-- the first titlePart: its gap is the space before the docTitle -->
  <xsl:template match="tei:docTitle/tei:titlePart[not(preceding-sibling::*)]" mode="dp-block">
    <xsl:call-template name="dp-block">
      <xsl:with-param name="gap" select="../preceding-sibling::*[1][self::tei:space]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="dp-block">
    <xsl:call-template name="dp-block"/>
  </xsl:template>

  <!-- separator + inline content of the context element -->
  <xsl:template name="dp-block">
    <xsl:param name="gap" select="preceding-sibling::*[1][self::tei:space]"/>
    <xsl:call-template name="dp-separator">
      <xsl:with-param name="gap" select="$gap"/>
    </xsl:call-template>
    <xsl:apply-templates mode="dp-inline"/>
  </xsl:template>

  <xsl:template name="dp-separator">
    <xsl:param name="gap"/>
    <xsl:choose>
      <xsl:when test="generate-id() = $dp-first">
        <xsl:call-template name="tx-newlines">
          <xsl:with-param name="n">
            <xsl:call-template name="dp-quantity">
              <xsl:with-param name="gap" select="$gap"/>
              <xsl:with-param name="default" select="0"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$tx-NL"/>
        <xsl:call-template name="tx-newlines">
          <xsl:with-param name="n">
            <xsl:call-template name="dp-quantity">
              <xsl:with-param name="gap" select="$gap"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the number of blank lines a space element records, else $default -->
  <xsl:template name="dp-quantity">
    <xsl:param name="gap"/>
    <xsl:param name="default" select="1"/>
    <xsl:choose>
      <xsl:when test="$gap and string(number($gap/@quantity)) != 'NaN'">
        <xsl:value-of select="number($gap/@quantity)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "N. " + content; a note made of p's is "N. " + first p, then one block per p -->
  <xsl:template name="dp-endnote">
    <xsl:call-template name="dp-separator">
      <xsl:with-param name="gap" select="node()[1][self::tei:space]"/>
    </xsl:call-template>
    <xsl:value-of select="concat(@n, '. ')"/>
    <xsl:choose>
      <xsl:when test="tei:p">
        <xsl:apply-templates select="tei:p[1]/node()" mode="dp-inline"/>
        <xsl:for-each select="tei:p[position() &gt; 1]">
          <xsl:call-template name="dp-block"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="dp-inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ inline -->

  <xsl:template match="tei:lb" mode="dp-inline">
    <xsl:value-of select="$tx-NL"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="dp-inline">
    <xsl:value-of select="concat('[', @n, ']')"/>
  </xsl:template>

  <xsl:template match="tei:space" mode="dp-inline"/>

  <xsl:template match="tei:supplied" mode="dp-inline">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="dp-inline"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- the source reading: sic (not corr), orig (not reg), abbr (not expan) -->
  <xsl:template match="tei:choice" mode="dp-inline">
    <xsl:choose>
      <xsl:when test="tei:sic"><xsl:apply-templates select="tei:sic[1]" mode="dp-inline"/></xsl:when>
      <xsl:when test="tei:orig"><xsl:apply-templates select="tei:orig[1]" mode="dp-inline"/></xsl:when>
      <xsl:when test="tei:abbr"><xsl:apply-templates select="tei:abbr[1]" mode="dp-inline"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*[1]" mode="dp-inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the quotation marks removed into @rend go back; no @rend, no marks -->
  <xsl:template match="tei:q" mode="dp-inline">
    <xsl:call-template name="tx-q-pre">
      <xsl:with-param name="default" select="''"/>
    </xsl:call-template>
    <xsl:apply-templates mode="dp-inline"/>
    <xsl:call-template name="tx-q-post">
      <xsl:with-param name="default" select="''"/>
    </xsl:call-template>
  </xsl:template>

  <!-- every other element: its content (label, names, dates, hi, …); text is copied
       by the built-in rule, comments and processing instructions give nothing -->
  <xsl:template match="*" mode="dp-inline">
    <xsl:apply-templates mode="dp-inline"/>
  </xsl:template>

</xsl:stylesheet>
