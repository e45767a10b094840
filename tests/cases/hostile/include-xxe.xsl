<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile user stylesheet: clean itself, it includes a local stylesheet that declares an
     external entity. Placeholders: @INCLUDED@ (file URL of included-xxe.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="@INCLUDED@"/>
  <xsl:output method="html"/>
</xsl:stylesheet>
