<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile user stylesheet: reads a local file with document(). Placeholders: @SECRET_URL@. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:template match="/">
    <html><body><xsl:copy-of select="document('@SECRET_URL@')"/></body></html>
  </xsl:template>
</xsl:stylesheet>
