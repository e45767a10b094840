<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile user stylesheet: writes a file with exsl:document. Placeholders: @PWNED@. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="html"/>
  <xsl:template match="/">
    <exsl:document href="@PWNED@" method="text">pwned</exsl:document>
    <html><body>ok</body></html>
  </xsl:template>
</xsl:stylesheet>
