<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition listing -> index.html (a standalone HTML5 page).

  Input (no namespace), written by the edition builder:
    <edition title="…" publisher="…" licence="…" [licence-url="…"]
             [register="register.html"] [lang="en"]>
      <doc href="1920-11-29-soviet-press.html" when="1920-11-29"
           date="November 29, 1920" author="…" [desc="one line"]>Title</doc>
      …
      <data href="../data/mentions.csv" format="CSV" label="…"/>   (downloads)
    </edition>
  Edition pages (site.xsl parameters given) also show the edition's facts
  (editors, number of documents, their span) and links to the registers, map,
  timeline and search.
  Output: the edition title, the documents as links sorted by @when (ISO 8601
  sorts as text) with date and author, a link to the register when
  @register is given, and publisher / licence in the footer.

  Parameters: css (extra CSS for the inline style block, default ''),
  default-lang (default en). Hook: named template extra-head.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:include href="site.xsl"/>

  <xsl:param name="css" select="''"/>
  <xsl:param name="default-lang" select="'en'"/>

  <xsl:variable name="ix-style">
    <xsl:text>
body{font-family:Georgia,"Times New Roman",serif;line-height:1.55;max-width:44em;margin:0 auto;padding:1em 1.2em 3em;color:#1d1d1d;background:#fff}
a{color:#1a4f8b}
h1{font-size:1.7em;line-height:1.25}
ol.documents{list-style:none;padding-left:0}
ol.documents li{margin:.7em 0}
.doc-title{font-weight:bold}
.doc-date,.doc-author{color:#555}
footer{border-top:1px solid #ccc;margin-top:2.5em;padding-top:.5em;font-size:.9em;color:#555}
</xsl:text>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:apply-templates select="edition"/>
  </xsl:template>

  <xsl:template match="edition">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="normalize-space(@title)"><xsl:value-of select="normalize-space(@title)"/></xsl:when>
        <xsl:otherwise>Edition</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="normalize-space(@lang)"><xsl:value-of select="normalize-space(@lang)"/></xsl:when>
          <xsl:when test="normalize-space(@xml:lang)"><xsl:value-of select="normalize-space(@xml:lang)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$default-lang"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <!-- libxml2's HTML serialiser always writes this charset declaration; writing
             it here keeps it the only one -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <style>
          <xsl:value-of select="$ix-style"/>
          <xsl:value-of select="$css"/>
        </style>
        <xsl:call-template name="site-head"/>
        <xsl:call-template name="extra-head"/>
      </head>
      <body>
        <xsl:call-template name="site-body-class"/>
        <xsl:call-template name="site-header"><xsl:with-param name="current" select="'index'"/></xsl:call-template>
        <header>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="$site"><xsl:call-template name="ix-facts"/></xsl:if>
        </header>
        <main id="main">
          <xsl:if test="$site and doc"><h2>Documents</h2></xsl:if>
          <xsl:if test="doc">
            <ol class="documents">
              <xsl:apply-templates select="doc">
                <xsl:sort select="@when" data-type="text"/>
              </xsl:apply-templates>
            </ol>
          </xsl:if>
          <xsl:variable name="register-ok">
            <xsl:call-template name="site-href-ok"><xsl:with-param name="href" select="normalize-space(@register)"/></xsl:call-template>
          </xsl:variable>
          <xsl:if test="string($register-ok)">
            <p class="register">
              <a href="{normalize-space(@register)}">Register of persons, places and organisations</a>
            </p>
          </xsl:if>
          <xsl:if test="$site and ($nav-map != '' or $nav-timeline != '' or $nav-search != '')">
            <h2>Explore</h2>
            <ul class="site-links">
              <xsl:if test="$nav-map != ''"><li><a href="{$nav-map}">Map of the places mentioned</a></li></xsl:if>
              <xsl:if test="$nav-timeline != ''"><li><a href="{$nav-timeline}">Timeline of the documents and the dates they mention</a></li></xsl:if>
              <xsl:if test="$nav-search != ''"><li><a href="{$nav-search}">Search the full text</a></li></xsl:if>
            </ul>
          </xsl:if>
          <xsl:if test="data[normalize-space(@href)]">
            <h2>Download the data</h2>
            <ul class="data-links">
              <xsl:for-each select="data[normalize-space(@href)]">
                <xsl:variable name="ok">
                  <xsl:call-template name="site-href-ok"><xsl:with-param name="href" select="normalize-space(@href)"/></xsl:call-template>
                </xsl:variable>
                <xsl:if test="string($ok)">
                  <li>
                    <a href="{normalize-space(@href)}" download="">
                      <xsl:choose>
                        <xsl:when test="normalize-space(@label)"><xsl:value-of select="normalize-space(@label)"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="normalize-space(@href)"/></xsl:otherwise>
                      </xsl:choose>
                    </a>
                  </li>
                </xsl:if>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </main>
        <xsl:if test="normalize-space(@publisher) or normalize-space(@licence)">
          <footer>
            <xsl:if test="normalize-space(@publisher)">
              <p class="publisher"><xsl:value-of select="normalize-space(@publisher)"/></p>
            </xsl:if>
            <xsl:if test="normalize-space(@licence)">
              <p class="licence">
                <xsl:text>Licence: </xsl:text>
                <xsl:choose>
                  <xsl:when test="starts-with(@licence-url, 'https://') or starts-with(@licence-url, 'http://')">
                    <a rel="license" href="{@licence-url}"><xsl:value-of select="normalize-space(@licence)"/></a>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="normalize-space(@licence)"/></xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:if>
          </footer>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="doc">
    <xsl:variable name="ok">
      <xsl:call-template name="site-href-ok"><xsl:with-param name="href" select="@href"/></xsl:call-template>
    </xsl:variable>
    <li class="doc">
      <xsl:variable name="label">
        <xsl:choose>
          <xsl:when test="normalize-space()"><xsl:value-of select="normalize-space()"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="string($ok)"><a class="doc-title" href="{@href}"><xsl:value-of select="$label"/></a></xsl:when>
        <!-- not a relative link (javascript:…): the title only -->
        <xsl:otherwise><span class="doc-title"><xsl:value-of select="$label"/></span></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="normalize-space(@date) or normalize-space(@when)">
        <xsl:text> </xsl:text>
        <span class="doc-date">
          <xsl:choose>
            <xsl:when test="normalize-space(@when)">
              <time datetime="{normalize-space(@when)}">
                <xsl:value-of select="normalize-space(@date)"/>
                <xsl:if test="not(normalize-space(@date))"><xsl:value-of select="normalize-space(@when)"/></xsl:if>
              </time>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(@date)"/></xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:if>
      <xsl:if test="normalize-space(@author)">
        <xsl:text> </xsl:text>
        <span class="doc-author"><xsl:value-of select="normalize-space(@author)"/></span>
      </xsl:if>
      <xsl:if test="normalize-space(@desc)">
        <xsl:text> </xsl:text>
        <span class="doc-desc"><xsl:value-of select="normalize-space(@desc)"/></span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- the edition's facts: editors, the documents and the years they span
       (publisher and licence are in the footer) -->
  <xsl:template name="ix-facts">
    <xsl:variable name="first">
      <xsl:for-each select="doc[normalize-space(@when)]">
        <xsl:sort select="@when"/>
        <xsl:if test="position() = 1"><xsl:value-of select="substring(@when, 1, 4)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="last">
      <xsl:for-each select="doc[normalize-space(@when)]">
        <xsl:sort select="@when" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="substring(@when, 1, 4)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <dl class="edition-meta">
      <xsl:if test="normalize-space(@editors)">
        <dt>Edited by</dt><dd><xsl:value-of select="normalize-space(@editors)"/></dd>
      </xsl:if>
      <dt>Contents</dt>
      <dd>
        <xsl:value-of select="count(doc)"/>
        <xsl:choose>
          <xsl:when test="count(doc) = 1"> document</xsl:when>
          <xsl:otherwise> documents</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$first != ''">
          <xsl:value-of select="concat(', ', $first)"/>
          <xsl:if test="$last != $first"><xsl:value-of select="concat('–', $last)"/></xsl:if>
        </xsl:if>
      </dd>
    </dl>
  </xsl:template>

  <!-- customisation hook -->
  <xsl:template name="extra-head"/>

</xsl:stylesheet>
