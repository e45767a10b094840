<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile user stylesheet: fetches a URL with document(). Placeholders: @BASE@. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:template match="/">
    <html><body><xsl:copy-of select="document('@BASE@/x.xml')"/></body></html>
  </xsl:template>
</xsl:stylesheet>
