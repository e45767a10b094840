<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition listing -> index.html (a standalone HTML5 page).

  Input (no namespace), written by the edition builder:
    <edition title="…" publisher="…" licence="…" [licence-url="…"]
             [register="register.html"] [lang="en"]>
      <doc href="1920-11-29-soviet-press.html" when="1920-11-29"
           date="November 29, 1920" author="…">Title</doc>
      …
    </edition>
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
        <xsl:call-template name="extra-head"/>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="$title"/></h1>
        </header>
        <main>
          <xsl:if test="doc">
            <ol class="documents">
              <xsl:apply-templates select="doc">
                <xsl:sort select="@when" data-type="text"/>
              </xsl:apply-templates>
            </ol>
          </xsl:if>
          <xsl:if test="normalize-space(@register)">
            <p class="register">
              <a href="{normalize-space(@register)}">Register of persons, places and organisations</a>
            </p>
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
    <li class="doc">
      <a class="doc-title" href="{@href}">
        <xsl:choose>
          <xsl:when test="normalize-space()"><xsl:value-of select="normalize-space()"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
        </xsl:choose>
      </a>
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
    </li>
  </xsl:template>

  <!-- customisation hook -->
  <xsl:template name="extra-head"/>

</xsl:stylesheet>
