<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse and drama (TEI "verse", "drama"): l with its number shown every
  $line-number-every lines (from @n), sp, speaker, stage.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:l">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:variable name="name">
      <xsl:choose><xsl:when test="string($inline)">span</xsl:when><xsl:otherwise>div</xsl:otherwise></xsl:choose>
    </xsl:variable>
    <xsl:element name="{$name}">
      <xsl:attribute name="class"><xsl:value-of select="concat('l', substring(' block', 1, 6 * boolean(string($inline))))"/></xsl:attribute>
      <xsl:call-template name="html-atts"/>
      <xsl:if test="$n != ''">
        <xsl:attribute name="data-n"><xsl:value-of select="$n"/></xsl:attribute>
        <xsl:if test="number($n) = number($n) and number($line-number-every) &gt; 0
                      and number($n) mod number($line-number-every) = 0">
          <span class="lineno"><xsl:value-of select="$n"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:sp | tei:lg | tei:castList | tei:castGroup | tei:castItem">
    <xsl:call-template name="html-block"/>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'p'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- stage directions inside a verse line or paragraph are inline -->
  <xsl:template match="tei:stage">
    <xsl:choose>
      <xsl:when test="parent::tei:l or parent::tei:p or parent::tei:ab or parent::tei:seg">
        <xsl:call-template name="html-inline"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="html-block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
