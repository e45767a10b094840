<?xml version="1.0" encoding="UTF-8"?>
<!--
  Lists and tables: list as ul / ol (dl for label + item), table/row/cell as
  table/tr/td. Inside phrasing content they become span.block; a p holding one is
  rendered as div.p (html/document.xsl), since HTML forbids ul or table in p.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- lists: ul / ol, or dl for label-item (gloss) lists -->
  <xsl:template match="tei:list">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="list block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="list">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates select="tei:head"/>
          <xsl:variable name="name">
            <xsl:choose>
              <xsl:when test="tei:label">dl</xsl:when>
              <xsl:when test="@type = 'ordered' or contains(@rend, 'numbered')">ol</xsl:when>
              <xsl:otherwise>ul</xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:element name="{$name}">
            <xsl:apply-templates select="node()[not(self::tei:head)]"/>
          </xsl:element>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:list)">
        <span class="item block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="../tei:label">
        <dd class="item"><xsl:call-template name="html-atts"/><xsl:apply-templates/></dd>
      </xsl:when>
      <xsl:otherwise>
        <li class="item"><xsl:call-template name="html-atts"/><xsl:apply-templates/></li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list/tei:label">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)"><xsl:call-template name="html-inline"/></xsl:when>
      <xsl:otherwise>
        <dt class="label"><xsl:call-template name="html-atts"/><xsl:apply-templates/></dt>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)"><xsl:call-template name="html-block"/></xsl:when>
      <xsl:otherwise>
        <table class="table">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates select="tei:head"/>
          <tbody><xsl:apply-templates select="node()[not(self::tei:head)]"/></tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:row">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:table)"><xsl:call-template name="html-block"/></xsl:when>
      <xsl:otherwise>
        <tr><xsl:call-template name="html-atts"/><xsl:apply-templates/></tr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:row/parent::tei:table)">
        <xsl:text> </xsl:text>
        <xsl:call-template name="html-inline"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{substring('tdth', 1 + 2 * (@role = 'label'), 2)}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="@cols &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
          <xsl:if test="@rows &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
