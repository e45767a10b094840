<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition site around a page: stylesheet and script links, the site header with
  its navigation. Included by document.xsl, index.xsl, register.xsl and page.xsl.

  Everything here is off unless assets-href is given: `tei-edition export html FILE`
  still writes one standalone page; `tei-edition build` passes these parameters.

  Parameters (strings; an empty nav-* leaves that link out):
    assets-href   folder of edition.css, print.css, edition.js, ending in "/"
    site-title    the edition's title, first in the site header
    nav-index, nav-register, nav-map, nav-timeline, nav-search
                  hrefs of the edition's pages
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:param name="assets-href" select="''"/>
  <xsl:param name="site-title" select="''"/>
  <xsl:param name="nav-index" select="''"/>
  <xsl:param name="nav-register" select="''"/>
  <xsl:param name="nav-map" select="''"/>
  <xsl:param name="nav-timeline" select="''"/>
  <xsl:param name="nav-search" select="''"/>

  <xsl:variable name="site" select="$assets-href != ''"/>

  <!-- "1" if $href may be a link to a page of the edition: relative, without a scheme,
       not protocol-relative (//host, and \\host, /\host, \/host: browsers read \ as /).
       The builder percent-encodes the names it links (site.page_href); this is the
       stylesheet's own check, as register.xsl makes for its mentions. -->
  <xsl:template name="site-href-ok">
    <xsl:param name="href"/>
    <xsl:variable name="scheme" select="substring-before($href, ':')"/>
    <xsl:choose>
      <xsl:when test="$href = '' or contains($href, '\') or starts-with($href, '//')"/>
      <xsl:when test="not(contains($href, ':'))">1</xsl:when>
      <!-- a colon after the first / ? # is not a scheme separator -->
      <xsl:when test="contains($scheme, '/') or contains($scheme, '?') or contains($scheme, '#')">1</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- in head, after the page's inline style (the site's rules take precedence) -->
  <xsl:template name="site-head">
    <xsl:param name="script" select="''"/>
    <xsl:if test="$site">
      <link rel="stylesheet" href="{$assets-href}edition.css"/>
      <link rel="stylesheet" href="{$assets-href}print.css" media="print"/>
      <script src="{$assets-href}edition.js" defer="defer"></script>
      <xsl:if test="$script != ''">
        <script src="{$assets-href}{$script}" defer="defer"></script>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="site-body-class">
    <xsl:if test="$site"><xsl:attribute name="class">site</xsl:attribute></xsl:if>
  </xsl:template>

  <!-- the first thing in body: skip link, edition title, navigation -->
  <xsl:template name="site-header">
    <xsl:param name="current" select="''"/>
    <xsl:if test="$site">
      <a class="skip" href="#main">Skip to content</a>
      <header class="site-header" data-pagefind-ignore="all">
        <a class="site-title" href="{$nav-index}"><xsl:value-of select="$site-title"/></a>
        <nav class="site-nav" aria-label="Edition">
          <ul>
            <xsl:call-template name="site-link">
              <xsl:with-param name="href" select="$nav-index"/>
              <xsl:with-param name="label" select="'Documents'"/>
              <xsl:with-param name="here" select="$current = 'index'"/>
            </xsl:call-template>
            <xsl:call-template name="site-link">
              <xsl:with-param name="href" select="$nav-register"/>
              <xsl:with-param name="label" select="'Registers'"/>
              <xsl:with-param name="here" select="$current = 'register'"/>
            </xsl:call-template>
            <xsl:call-template name="site-link">
              <xsl:with-param name="href" select="$nav-map"/>
              <xsl:with-param name="label" select="'Map'"/>
              <xsl:with-param name="here" select="$current = 'map'"/>
            </xsl:call-template>
            <xsl:call-template name="site-link">
              <xsl:with-param name="href" select="$nav-timeline"/>
              <xsl:with-param name="label" select="'Timeline'"/>
              <xsl:with-param name="here" select="$current = 'timeline'"/>
            </xsl:call-template>
            <xsl:call-template name="site-link">
              <xsl:with-param name="href" select="$nav-search"/>
              <xsl:with-param name="label" select="'Search'"/>
              <xsl:with-param name="here" select="$current = 'search'"/>
            </xsl:call-template>
          </ul>
        </nav>
      </header>
    </xsl:if>
  </xsl:template>

  <xsl:template name="site-link">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="here" select="false()"/>
    <xsl:if test="$href != ''">
      <li>
        <a href="{$href}">
          <xsl:if test="$here"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:value-of select="$label"/>
        </a>
      </li>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
