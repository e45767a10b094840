<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names, dates and pointers (TEI "namesdates", "core" ref/ptr). A name keeps its
  @ref: a link into the edition's register, else data-ref (never dropped).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- names: a link into the register when @ref points into register.xml -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:variable name="ref" select="substring-before(concat(normalize-space(@ref), ' '), ' ')"/>
    <!-- the register entry: the fragment of a first token into register.xml, else '' -->
    <xsl:variable name="reg" select="substring-after($ref, 'register.xml#')"/>
    <xsl:variable name="in-link"><xsl:call-template name="html-in-link"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <!-- an entry of this document's own register, or an authority URL -->
      <xsl:when test="not(string($reg)) and not(string($in-link)) and
                      ((starts-with($ref, '#') and key('tx-ids', substring($ref, 2)))
                       or starts-with($ref, 'http://') or starts-with($ref, 'https://'))">
        <a class="{local-name()}" href="{$ref}" data-ref="{@ref}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:when test="string($reg) and not(string($in-link))">
        <a class="{local-name()}" href="{$register-href}#{$reg}">
          <xsl:call-template name="html-atts"/>
          <xsl:variable name="tip" select="substring-before(substring-after($name-titles,
              concat('&#10;', $reg, '&#9;')), '&#10;')"/>
          <xsl:if test="$tip != ''"><xsl:attribute name="title"><xsl:value-of select="$tip"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="@ref"><xsl:attribute name="data-ref"><xsl:value-of select="@ref"/></xsl:attribute></xsl:if>
          <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- dates: <time datetime> for a point in time, data-* for ranges -->
  <xsl:template match="tei:date | tei:time">
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="normalize-space(@when)">
        <time class="{local-name()}" datetime="{normalize-space(@when)}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="$site"><xsl:attribute name="title"><xsl:value-of select="normalize-space(@when)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="@from"><xsl:attribute name="data-from"><xsl:value-of select="@from"/></xsl:attribute></xsl:if>
          <xsl:if test="@to"><xsl:attribute name="data-to"><xsl:value-of select="@to"/></xsl:attribute></xsl:if>
          <xsl:if test="@notBefore"><xsl:attribute name="data-not-before"><xsl:value-of select="@notBefore"/></xsl:attribute></xsl:if>
          <xsl:if test="@notAfter"><xsl:attribute name="data-not-after"><xsl:value-of select="@notAfter"/></xsl:attribute></xsl:if>
          <xsl:if test="$site and (@from or @to or @notBefore or @notAfter)">
            <xsl:attribute name="title">
              <xsl:choose>
                <xsl:when test="@from or @to"><xsl:value-of select="concat(normalize-space(@from), '/', normalize-space(@to))"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('between ', normalize-space(@notBefore), ' and ', normalize-space(@notAfter))"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- links: "#x" only when x is an element of the rendered text. A pointer that
       calls an endnote is that note's marker (html/notes.xsl); a ptr to "#x" is
       labelled by x's @n, else its head, else (a note) its number. -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]">
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="dest" select="key('tx-ids', substring($target, 2))[starts-with($target, '#')][1]"/>
    <xsl:variable name="calls"><xsl:call-template name="tx-call-note"/></xsl:variable>
    <xsl:variable name="ok">
      <xsl:choose>
        <xsl:when test="starts-with($target, '#')">
          <xsl:if test="$dest[not(ancestor::tei:teiHeader)]">1</xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="html-url-ok"><xsl:with-param name="url" select="$target"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="html-in-link"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="string($calls)">
        <!-- a bare call sign ("1", "*", "[2]") is replaced by the note's number -->
        <xsl:if test="string-length(normalize-space()) &gt; 3">
          <span class="{local-name()}"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
        </xsl:if>
        <xsl:call-template name="html-note-call">
          <xsl:with-param name="note" select="$dest"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string($ok) and not(string($in-link))">
        <a class="{local-name()}" href="{$target}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:call-template name="html-ptr-label"><xsl:with-param name="dest" select="$dest"/></xsl:call-template></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}" data-target="{@target}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:call-template name="html-ptr-label"><xsl:with-param name="dest" select="$dest"/></xsl:call-template></xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="html-ptr-label">
    <xsl:param name="dest"/>
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($dest/@n)"><xsl:value-of select="normalize-space($dest/@n)"/></xsl:when>
      <xsl:when test="normalize-space($dest/tei:head)"><xsl:value-of select="normalize-space($dest/tei:head[1])"/></xsl:when>
      <xsl:when test="$dest/self::tei:note">
        <xsl:for-each select="$dest"><xsl:call-template name="tx-note-n"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$target"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
