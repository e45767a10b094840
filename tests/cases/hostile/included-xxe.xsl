<?xml version="1.0" encoding="UTF-8"?>
<!-- Included by include-xxe.xsl: an external entity to a local file. Placeholders: @SECRET_URL@. -->
<!DOCTYPE xsl:stylesheet [<!ENTITY secret SYSTEM "@SECRET_URL@">]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><html><body>&secret;</body></html></xsl:template>
</xsl:stylesheet>
