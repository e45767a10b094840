<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus (TEI "textcrit"): the base text is the lem, else the first
  rdg (and the apparatus says so); every other reading follows in brackets with
  its witnesses' sigla as text (resolved through listWit/witness/@n), an empty
  reading as "om." (parameter omitted).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:app">
    <xsl:variable name="main" select="(tei:lem | tei:rdg[not(../tei:lem)]
        | tei:rdgGrp[not(../tei:lem or ../tei:rdg)]/*[self::tei:lem or self::tei:rdg])[1]"/>
    <xsl:variable name="variants" select="(tei:rdg | tei:rdgGrp/tei:rdg | tei:rdgGrp/tei:lem)[count(. | $main) != 1]"/>
    <xsl:call-template name="tx-sep"/>
    <span class="app">
      <xsl:call-template name="html-atts"/>
      <span class="{normalize-space(concat(local-name($main), ' ', substring('base', 1, 4 * not($main/self::tei:lem))))}">
        <xsl:if test="$main/@wit"><xsl:attribute name="data-wit"><xsl:value-of select="$main/@wit"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="$main/node()"/>
      </span>
      <xsl:if test="$variants or ($main and not($main/self::tei:lem))">
        <span class="app-variants">
          <xsl:text> [</xsl:text>
          <xsl:if test="not($main/self::tei:lem)">
            <span class="base-of">
              <xsl:text>no lemma; text of </xsl:text>
              <xsl:for-each select="$main"><xsl:call-template name="html-sigla"/></xsl:for-each>
            </span>
            <xsl:if test="$variants"><xsl:text>; </xsl:text></xsl:if>
          </xsl:if>
          <xsl:for-each select="$variants">
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <span class="rdg">
              <xsl:if test="@wit"><xsl:attribute name="data-wit"><xsl:value-of select="@wit"/></xsl:attribute></xsl:if>
              <xsl:choose>
                <xsl:when test="normalize-space() = '' and not(*)">
                  <span class="om"><xsl:value-of select="$omitted"/></span>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@wit">
                <xsl:text> </xsl:text>
                <xsl:call-template name="html-sigla"/>
              </xsl:if>
            </span>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:if>
      <xsl:apply-templates select="tei:note"/>
    </span>
  </xsl:template>

  <!-- the sigla of the context reading's @wit, each with its witness described on hover -->
  <xsl:template name="html-sigla">
    <xsl:variable name="sigla"><xsl:call-template name="tx-sigla"/></xsl:variable>
    <span class="wit">
      <xsl:variable name="first" select="key('tx-ids', substring-after(substring-before(concat(normalize-space(@wit), ' '), ' '), '#'))[1]"/>
      <xsl:if test="$first/self::tei:witness and normalize-space($first)">
        <xsl:attribute name="title"><xsl:value-of select="normalize-space($first)"/></xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$sigla"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
