<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile user stylesheet: imports a stylesheet from a URL. Placeholders: @BASE@. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="@BASE@/x.xsl"/>
  <xsl:output method="html"/>
</xsl:stylesheet>
