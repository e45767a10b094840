<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcription of primary sources (TEI "transcr" and "core" editorial elements):
  choice, line/page/column breaks, gap, supplied, unclear, del/add, g, space, and
  the diplomatic sourceDoc/surface/zone/line.

  Editorial signs are text in the page, so copy and paste keeps them: Leiden-style
  brackets by default, set by parameters in ../common/params.xsl. A word broken
  at a line end (lb/pb/cb @break="no", @type="hyphenInWord", @rend="hidden") stays
  one word: the break is an empty, visible-by-CSS marker, never a <br>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- Editorial corrections (choice/sic/corr) listed after the notes, each linking to
       the corrected reading in the text: the original is on hover and here. -->
  <xsl:key name="html-corrections" match="tei:text//tei:choice[tei:sic and tei:corr]"
           use="'all'"/>

  <xsl:template name="html-corrections">
    <xsl:variable name="all" select="key('html-corrections', 'all')"/>
    <xsl:if test="$all">
      <section class="corrections">
        <h2>Editorial corrections</h2>
        <ul class="corrections">
          <xsl:for-each select="$all">
            <li>
              <a href="#corr-{generate-id()}">
                <xsl:choose>
                  <xsl:when test="ancestor::tei:note[1]">
                    <xsl:value-of select="concat('note ', ancestor::tei:note[1]/@n)"/>
                  </xsl:when>
                  <xsl:when test="ancestor::tei:p[@n]">
                    <xsl:value-of select="concat('¶ ', ancestor::tei:p[@n][1]/@n)"/>
                  </xsl:when>
                  <xsl:otherwise>text</xsl:otherwise>
                </xsl:choose>
              </a>
              <xsl:text>: </xsl:text>
              <span class="sic"><xsl:value-of select="normalize-space(tei:sic)"/></span>
              <xsl:text> corrected to </xsl:text>
              <span class="corr"><xsl:value-of select="normalize-space(tei:corr)"/></span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- choice: the editorial reading shown (corr, reg, expan, else the first
       alternative), the source reading (sic, orig, abbr) in the title -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
    <xsl:variable name="other" select="(tei:sic | tei:orig[not(../tei:sic)]
        | tei:abbr[not(../tei:sic or ../tei:orig)]
        | *[not(../tei:sic or ../tei:orig or ../tei:abbr)][count(. | $shown) != 1])[1]"/>
    <xsl:choose>
      <!-- in a paragraph label the link's title already gives the original -->
      <xsl:when test="parent::tei:label[parent::tei:p]">
        <xsl:apply-templates select="$shown/node()"/>
        <xsl:apply-templates select="*[count(. | $shown) != 1]//tei:note"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tx-sep"/>
        <span class="{normalize-space(concat('choice ', local-name($shown)))}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="tei:sic and tei:corr and not(@xml:id)">
            <xsl:attribute name="id"><xsl:value-of select="concat('corr-', generate-id())"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="normalize-space($other)">
            <xsl:attribute name="title">
              <xsl:choose>
                <xsl:when test="$other/self::tei:abbr">abbreviated: </xsl:when>
                <xsl:otherwise>original: </xsl:otherwise>
              </xsl:choose>
              <!-- the reading's words, not the text of its notes -->
              <xsl:variable name="words">
                <xsl:for-each select="$other//text()[not(ancestor::tei:note)]"><xsl:value-of select="."/></xsl:for-each>
              </xsl:variable>
              <xsl:value-of select="normalize-space($words)"/>
            </xsl:attribute>
          </xsl:if>
          <xsl:if test="$shown/@resp">
            <xsl:attribute name="data-resp"><xsl:value-of select="$shown/@resp"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates select="$shown/node()"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
    <!-- notes inside the readings not shown keep their markers, after the reading
         shown (numbered in that order: common/notes.xsl); a note repeated in both
         readings is marked once -->
    <xsl:if test="not(parent::tei:label[parent::tei:p])">
      <xsl:apply-templates select="*[count(. | $shown) != 1]//tei:note"/>
    </xsl:if>
  </xsl:template>


  <xsl:template match="tei:lb">
    <xsl:variable name="joins"><xsl:call-template name="tx-joins"/></xsl:variable>
    <!-- a break before any content of its block (<p><lb/>text) is no line break in
         HTML; its xml:id still marks the place -->
    <!-- (no element before it, then no text: "[1]" first, so a long p full of lb
         is not rescanned for every lb) -->
    <xsl:variable name="leading"
        select="not(preceding-sibling::*[1])
                and not(preceding-sibling::text()[normalize-space()])
                and contains(' p ab l head item titlePart byline docDate line ', concat(' ', local-name(..), ' '))"/>
    <xsl:choose>
      <xsl:when test="string($joins)">
        <span class="lb break-no">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
        </span>
      </xsl:when>
      <xsl:when test="$leading">
        <xsl:if test="@xml:id"><span id="{@xml:id}" class="lb"></span></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <br><xsl:call-template name="html-atts"/></br>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- page and column breaks: an empty marker, its number shown by CSS -->
  <xsl:template match="tei:pb | tei:cb">
    <span class="{local-name()}">
      <xsl:call-template name="html-atts"/>
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:space">
    <xsl:if test="not(@dim = 'vertical')"><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="@xml:id"><span id="{@xml:id}" class="space"></span></xsl:if>
  </xsl:template>

  <!-- del, add, supplied, unclear: the element, its signs around it as text -->
  <xsl:template name="html-signed">
    <xsl:param name="open"/>
    <xsl:param name="close"/>
    <xsl:param name="name" select="'span'"/>
    <xsl:call-template name="tx-sep"/>
    <span class="{local-name()}">
      <xsl:call-template name="html-atts"/>
      <xsl:if test="@reason or @hand or @place or @rend or @cert">
        <xsl:attribute name="title">
          <xsl:value-of select="normalize-space(concat(@reason, ' ', @place, ' ', @rend, ' ', translate(@hand, '#', ''), ' ', @cert))"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$open"/>
      <xsl:choose>
        <xsl:when test="$name = 'span'"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:element name="{$name}"><xsl:apply-templates/></xsl:element></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$close"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del">
    <xsl:call-template name="html-signed">
      <xsl:with-param name="open" select="$del-open"/>
      <xsl:with-param name="close" select="$del-close"/>
      <xsl:with-param name="name" select="'del'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:call-template name="html-signed">
      <xsl:with-param name="open" select="$add-open"/>
      <xsl:with-param name="close" select="$add-close"/>
      <xsl:with-param name="name" select="'ins'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:call-template name="html-signed">
      <xsl:with-param name="open" select="$supplied-open"/>
      <xsl:with-param name="close" select="$supplied-close"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <xsl:call-template name="html-signed">
      <xsl:with-param name="open" select="$unclear-open"/>
      <xsl:with-param name="close" select="$unclear-close"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:ex">
    <xsl:call-template name="html-signed">
      <xsl:with-param name="open" select="$ex-open"/>
      <xsl:with-param name="close" select="$ex-close"/>
    </xsl:call-template>
  </xsl:template>

  <!-- gap: "[3 lines illegible]" (common/transcr.xsl) -->
  <xsl:template match="tei:gap">
    <xsl:call-template name="tx-sep"/>
    <span class="gap">
      <xsl:call-template name="html-atts"/>
      <xsl:call-template name="tx-gap-text"/>
    </span>
  </xsl:template>

  <!-- a glyph: its content, else the mapping of the char/glyph its @ref names -->
  <xsl:template match="tei:g">
    <span class="g">
      <xsl:call-template name="html-atts"/>
      <xsl:if test="@ref"><xsl:attribute name="data-ref"><xsl:value-of select="@ref"/></xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:call-template name="tx-g-mapping"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- diplomatic transcription: a page (surface), its zones, each line a line -->
  <xsl:template match="tei:sourceDoc | tei:surfaceGrp | tei:surface | tei:zone">
    <xsl:call-template name="html-block">
      <xsl:with-param name="class" select="normalize-space(concat(local-name(), ' ', @type))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:line">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="line block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="line"><xsl:call-template name="html-atts"/><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
