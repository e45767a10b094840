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
          <xsl:if test="$site">
            <!-- who transcribed and encoded the text (titleStmt/respStmt) -->
            <xsl:for-each select="$tx-header/tei:fileDesc/tei:titleStmt/tei:respStmt[normalize-space()]">
              <dt>Credits</dt>
              <dd class="resp">
                <xsl:value-of select="normalize-space(tei:resp)"/>
                <xsl:if test="normalize-space(tei:resp)"><xsl:text>: </xsl:text></xsl:if>
                <xsl:for-each select="*[not(self::tei:resp)][normalize-space()]">
                  <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
                  <xsl:apply-templates select="."/>
                </xsl:for-each>
              </dd>
            </xsl:for-each>
            <xsl:if test="$tei-href != ''">
              <dt>TEI</dt>
              <dd><a class="tei-link" href="{$tei-href}" type="application/tei+xml">View the TEI XML</a></dd>
            </xsl:if>
          </xsl:if>
        </dl>
      </xsl:if>
      <xsl:call-template name="html-doc-nav"/>
    </header>
  </xsl:template>

  <!-- edition pages: the documents before and after this one by date -->
  <xsl:template name="html-doc-nav">
    <xsl:if test="$site and ($prev-href != '' or $next-href != '')">
      <nav class="doc-nav" aria-label="Documents by date" data-pagefind-ignore="all">
        <xsl:if test="$prev-href != ''">
          <a class="prev" rel="prev" href="{$prev-href}">← <xsl:value-of select="$prev-title"/></a>
        </xsl:if>
        <xsl:if test="$next-href != ''">
          <a class="next" rel="next" href="{$next-href}"><xsl:value-of select="$next-title"/> →</a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- edition pages: a citation suggestion; the script puts the page's address (and
       the paragraph linked to) in place of the file name; the date is the reader's -->
  <xsl:template name="html-citation">
    <xsl:if test="$site">
      <xsl:variable name="title" select="($tx-titles[@type = 'main'] | $tx-titles[not(../tei:title[@type = 'main'])])[1]"/>
      <section class="cite" id="cite" data-pagefind-ignore="all">
        <h2>How to cite</h2>
        <p class="citation">
          <xsl:for-each select="$tx-authors">
            <xsl:variable name="name"><xsl:for-each select=".//text()[not(ancestor::tei:idno)]"><xsl:value-of select="."/></xsl:for-each></xsl:variable>
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:value-of select="normalize-space($name)"/>
          </xsl:for-each>
          <xsl:if test="$tx-authors"><xsl:text>, </xsl:text></xsl:if>
          <xsl:text>“</xsl:text><xsl:value-of select="normalize-space($title)"/><xsl:text>”</xsl:text>
          <xsl:if test="$site-title != ''">
            <xsl:text>, in </xsl:text><cite><xsl:value-of select="$site-title"/></cite>
          </xsl:if>
          <xsl:text>, </xsl:text>
          <span class="cite-url"><xsl:value-of select="$page-href"/></span>
          <xsl:text>, accessed [date].</xsl:text>
        </p>
      </section>
    </xsl:if>
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
