<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page header (title, author, date, sources, licence) from the teiHeader.
  A field with no text is left out; URLs in idno/ptr are links.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template name="html-page-header">
    <header class="doc-header">
      <xsl:if test="$index-href != ''">
        <nav><a href="{$index-href}">Index</a></nav>
      </xsl:if>
      <xsl:if test="$tx-titles">
        <xsl:choose>
          <!-- the front's docTitle is the page's h1; without one the header title is -->
          <xsl:when test="$html-doc-title">
            <p class="doc-title"><xsl:call-template name="html-header-titles"/></p>
          </xsl:when>
          <xsl:otherwise>
            <h1 class="doc-title"><xsl:call-template name="html-header-titles"/></h1>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:variable name="date"><xsl:call-template name="tx-date-text"/></xsl:variable>
      <xsl:variable name="licence"><xsl:call-template name="tx-licence-line"/></xsl:variable>
      <xsl:if test="$tx-authors or string($date) or $tx-source-desc/* or string($licence)">
        <dl class="doc-meta">
          <xsl:if test="$tx-authors">
            <dt>Author</dt>
            <dd>
              <xsl:for-each select="$tx-authors">
                <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
                <span class="author"><xsl:apply-templates/></span>
              </xsl:for-each>
            </dd>
          </xsl:if>
          <xsl:if test="string($date)">
            <dt>Date</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="$tx-date/@when">
                  <time datetime="{$tx-date/@when}"><xsl:value-of select="$date"/></time>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$tx-sources">
              <xsl:for-each select="$tx-sources">
                <xsl:call-template name="html-source"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$tx-source-desc/*[1]">
                <xsl:call-template name="html-source"/>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="string($licence)">
            <dt>Licence</dt>
            <dd>
              <xsl:variable name="url" select="normalize-space($tx-licence/@target)"/>
              <xsl:variable name="ok"><xsl:call-template name="html-url-ok">
                <xsl:with-param name="url" select="$url"/>
              </xsl:call-template></xsl:variable>
              <xsl:choose>
                <xsl:when test="$url and string($ok)">
                  <xsl:variable name="text" select="normalize-space($tx-licence)"/>
                  <a rel="license" href="{$url}">
                    <xsl:choose>
                      <xsl:when test="$text and string-length($text) &lt;= 200">
                        <xsl:value-of select="$text"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
                    </xsl:choose>
                  </a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$licence"/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </xsl:if>
        </dl>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template name="html-header-titles">
    <xsl:for-each select="$tx-titles">
      <xsl:if test="position() &gt; 1"><xsl:text> — </xsl:text></xsl:if>
      <span class="title"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- one source (context: a child of sourceDesc) as "Source" row: its text on one
       line, with idno and ptr URLs as links; left out when it has no text -->
  <xsl:template name="html-source">
    <xsl:variable name="line"><xsl:call-template name="tx-source-line"/></xsl:variable>
    <xsl:if test="string($line)">
      <dt>Source</dt>
      <dd>
        <xsl:choose>
          <xsl:when test="self::tei:msDesc and tei:msIdentifier">
            <xsl:apply-templates select="tei:msIdentifier" mode="html-one-line"/>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="html-one-line"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- html-one-line: like tx-one-line (common/text.xsl), keeping links -->
  <xsl:template match="*" mode="html-one-line">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:apply-templates mode="html-one-line"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*[normalize-space() or self::tei:ptr]">
          <xsl:variable name="prev" select="preceding-sibling::*[normalize-space() or self::tei:ptr]"/>
          <xsl:variable name="before"><xsl:apply-templates select="$prev" mode="tx-one-line"/></xsl:variable>
          <xsl:variable name="one"><xsl:apply-templates select="." mode="tx-one-line"/></xsl:variable>
          <xsl:if test="normalize-space($one)">
            <xsl:if test="normalize-space($before)"><xsl:text>, </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="html-one-line"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="html-one-line">
    <xsl:apply-templates select="." mode="tx-one-line"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="html-one-line"/>

  <xsl:template match="tei:ptr | tei:idno | tei:ref" mode="html-one-line">
    <xsl:variable name="url" select="normalize-space(concat(@target, self::tei:idno))"/>
    <xsl:variable name="ok"><xsl:call-template name="html-url-ok">
      <xsl:with-param name="url" select="$url"/>
    </xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($ok) and (starts-with($url, 'http://') or starts-with($url, 'https://'))">
        <a class="{local-name()}" href="{$url}">
          <xsl:choose>
            <xsl:when test="normalize-space()"><xsl:value-of select="normalize-space()"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="tx-one-line"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="html-one-line">
    <!-- whitespace runs of pretty-printed XML become one space -->
    <xsl:if test="starts-with(translate(., '&#9;&#10;&#13;', '   '), ' ') and preceding-sibling::node()"><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="normalize-space()"/>
    <xsl:if test="substring(translate(., '&#9;&#10;&#13;', '   '), string-length()) = ' ' and following-sibling::node() and normalize-space()"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template name="html-page-title">
    <xsl:choose>
      <xsl:when test="$tx-titles">
        <xsl:for-each select="$tx-titles">
          <xsl:if test="position() &gt; 1"><xsl:text> — </xsl:text></xsl:if>
          <xsl:value-of select="normalize-space()"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="normalize-space($html-doc-title)">
        <xsl:value-of select="normalize-space($html-doc-title)"/>
      </xsl:when>
      <xsl:otherwise>Untitled</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- authority numbers inside the header's author are not part of the name -->
  <xsl:template match="tei:titleStmt/tei:author/tei:idno"/>

</xsl:stylesheet>
