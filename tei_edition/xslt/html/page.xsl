<?xml version="1.0" encoding="UTF-8"?>
<!--
  A page of the edition site made by the builder (map, timeline, search) -> HTML5.

  Input (no namespace), written by tei_edition/site.py:
    <page title="Map — EDITION" lang="en" current="map" [script="search.js"]>
      … the page's content as HTML elements (inline SVG included) …
    </page>
  Output: the site's head and header (html/site.xsl), the content copied as it is
  inside <main>, and the script named by @script from the assets folder.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="site.xsl"/>

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page"/>
  </xsl:template>

  <xsl:template match="page">
    <html>
      <xsl:if test="normalize-space(@lang)">
        <xsl:attribute name="lang"><xsl:value-of select="normalize-space(@lang)"/></xsl:attribute>
      </xsl:if>
      <head>
        <!-- libxml2's HTML serialiser always writes this charset declaration -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="normalize-space(@title)"/></title>
        <xsl:call-template name="site-head">
          <xsl:with-param name="script" select="normalize-space(@script)"/>
        </xsl:call-template>
      </head>
      <body>
        <xsl:call-template name="site-body-class"/>
        <xsl:call-template name="site-header">
          <xsl:with-param name="current" select="normalize-space(@current)"/>
        </xsl:call-template>
        <main id="main" class="{normalize-space(@current)}">
          <xsl:copy-of select="node()"/>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
