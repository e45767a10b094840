<?xml version="1.0" encoding="UTF-8"?>
<!--
  Authority register + its mentions -> register.html (a standalone HTML5 page).

  Standalone like document.xsl: one file, an inline <style>, no script, no
  external CSS, fonts, images or maps. Coordinates are text plus an ordinary link
  to OpenStreetMap; authority records are ordinary links.

  Input (registerPage and mentions in no namespace), written by the edition builder:
    <registerPage title="Register — EDITION TITLE" [lang="en"]>
      <TEI xmlns="http://www.tei-c.org/ns/1.0"> … register.xml as is … </TEI>
      [<sortKeys><sortKey ref="ENTRY-ID" key="surname forename"/> …</sortKeys>]
      <mentions>
        <mention ref="ENTRY-ID" doc="DOC.html" docTitle="…" target="ELEMENT-ID"
                 where="¶ 3" text="the name as written"/>
        …
      </mentions>
    </registerPage>
  Output: the page title as h1, a link back to the index, and three sections
  (Persons, Places, Organisations; entries: person and personGrp, place, org,
  wherever they are in the TEI except its teiHeader). Entries are sorted by their
  sortKey when the builder gives one (persons by surname), else by preferred name.
  Edition pages (site.xsl parameters given) get the site's header. Each entry is an article
  with id = its xml:id (document pages link to register.html#ID), sorted by
  preferred name (case and common Latin diacritics ignored), showing:
    - the preferred name (type="preferred", else the first name) as h3;
    - the other names, each once, without the one of the heading;
    - location/geo "LAT LON" as text and a link to
      https://www.openstreetmap.org/?mlat=LAT&mlon=LON (only for valid numbers);
    - each idno: wikidata / viaf / geonames as links to the authority (when the
      value is a plain identifier; a value that is itself an http(s) URL links to
      itself), other types as text; its @source in small print, a link when it
      is an http(s) URL;
    - the text of each note;
    - the mentions (key on mention/@ref), grouped by @doc (Muenchian grouping,
      documents and mentions in input order): the document title as a link to
      @doc, then each mention as a link @doc#@target labelled with @where (title:
      @text). Without mentions: "not mentioned in the edition".

  Parameters (all strings):
    css            extra CSS appended to the inline style block. Default ''
    default-lang   page language when registerPage has no @lang and the TEI no
                   xml:lang. Default en
    index-href     the link back to the edition index; '' for none. Default index.html
  Customisation: import this stylesheet and override the named template
  extra-head (empty here; called at the end of <head>), or the rg-entry template.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:include href="site.xsl"/>

  <xsl:param name="css" select="''"/>
  <xsl:param name="default-lang" select="'en'"/>
  <xsl:param name="index-href" select="'index.html'"/>

  <!-- ===================================================================== keys -->

  <!-- the entries of each section (never those described in a teiHeader) -->
  <xsl:key name="rg-persons" use="'all'"
      match="tei:person[not(ancestor::tei:teiHeader)] | tei:personGrp[not(ancestor::tei:teiHeader)]"/>
  <xsl:key name="rg-places" use="'all'" match="tei:place[not(ancestor::tei:teiHeader)]"/>
  <xsl:key name="rg-orgs" use="'all'" match="tei:org[not(ancestor::tei:teiHeader)]"/>

  <!-- an entry's mentions, and (Muenchian grouping) its mentions in one document -->
  <xsl:key name="rg-mentions" match="registerPage/mentions/mention" use="@ref"/>
  <xsl:key name="rg-mentions-by-doc" match="registerPage/mentions/mention"
      use="concat(@ref, ' ', @doc)"/>

  <!-- the builder's sort keys (persons by surname) -->
  <xsl:key name="rg-sort" match="registerPage/sortKeys/sortKey" use="@ref"/>

  <!-- every xml:id: section ids must not take an entry's id -->
  <xsl:key name="rg-ids" match="*[@xml:id]" use="@xml:id"/>

  <!-- ========================================================== globals -->

  <xsl:variable name="rg-tei" select="/registerPage/tei:TEI"/>

  <!-- sort keys: lower case, and common Latin letters with diacritics as their
       base letter, so "Łódź" sorts with the L's and "de Gaulle" with the D's -->
  <xsl:variable name="rg-sort-from"
      select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåĀāĄąÇçĆćČčĎďÈÉÊËèéêëĒēĘęĚěÌÍÎÏìíîïĪīŁłĹĺĽľÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŠšŞşŤťÙÚÛÜùúûüŪūŮůŰűÝýÿŹźŻżŽž'"/>
  <xsl:variable name="rg-sort-to"
      select="'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaaaaaccccccddeeeeeeeeeeeeeeiiiiiiiiiillllllnnnnnnoooooooooooooooorrrrssssssttuuuuuuuuuuuuuuyyyzzzzzz'"/>

  <xsl:variable name="rg-style">
    <xsl:text>
body{font-family:Georgia,"Times New Roman",serif;line-height:1.55;max-width:44em;margin:0 auto;padding:1em 1.2em 3em;color:#1d1d1d;background:#fff}
a{color:#1a4f8b}
header.register-header{border-bottom:1px solid #ccc;margin-bottom:1.5em;padding-bottom:.5em}
h1{font-size:1.7em;line-height:1.25}
nav.register-toc a{margin-right:1em}
section.register-section{margin-top:2em}
section.register-section h2{border-bottom:1px solid #ccc;padding-bottom:.2em}
article.entry{margin:1.4em 0;padding-bottom:.6em;border-bottom:1px dotted #ddd}
article.entry:target{background:#fff8dc}
.entry-name{font-size:1.15em;margin:.2em 0 .4em}
dl.entry-facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;font-size:.93em;margin:0}
dl.entry-facts dt{font-weight:bold}
dl.entry-facts dd{margin:0;min-width:0}
ul.idnos,ul.mentions{list-style:none;padding-left:0;margin:0}
ul.idnos li,ul.mentions li{margin:.1em 0}
.idno-type{color:#555}
small.idno-source{display:block;margin-left:1em;color:#666;overflow-wrap:anywhere}
.coords{font-variant-numeric:tabular-nums}
.no-mentions,.no-entries{color:#777;font-style:italic}
a.mention{text-decoration:none;white-space:nowrap}
a.mention:hover{text-decoration:underline}
</xsl:text>
  </xsl:variable>

  <!-- ============================================================== page -->

  <xsl:template match="/">
    <xsl:apply-templates select="registerPage"/>
  </xsl:template>

  <xsl:template match="registerPage">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="normalize-space(@title)"><xsl:value-of select="normalize-space(@title)"/></xsl:when>
        <xsl:when test="normalize-space($rg-tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])">
          <xsl:value-of select="normalize-space($rg-tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])"/>
        </xsl:when>
        <xsl:otherwise>Register</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="persons" select="key('rg-persons', 'all')"/>
    <xsl:variable name="places" select="key('rg-places', 'all')"/>
    <xsl:variable name="orgs" select="key('rg-orgs', 'all')"/>
    <xsl:variable name="persons-id">
      <xsl:call-template name="rg-section-id"><xsl:with-param name="id" select="'persons'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="places-id">
      <xsl:call-template name="rg-section-id"><xsl:with-param name="id" select="'places'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="orgs-id">
      <xsl:call-template name="rg-section-id"><xsl:with-param name="id" select="'organisations'"/></xsl:call-template>
    </xsl:variable>
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="normalize-space(@lang)"><xsl:value-of select="normalize-space(@lang)"/></xsl:when>
          <xsl:when test="normalize-space(@xml:lang)"><xsl:value-of select="normalize-space(@xml:lang)"/></xsl:when>
          <xsl:when test="normalize-space($rg-tei/@xml:lang)"><xsl:value-of select="normalize-space($rg-tei/@xml:lang)"/></xsl:when>
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
          <xsl:value-of select="$rg-style"/>
          <xsl:value-of select="$css"/>
        </style>
        <xsl:call-template name="site-head"/>
        <xsl:call-template name="extra-head"/>
      </head>
      <body>
        <xsl:call-template name="site-body-class"/>
        <xsl:call-template name="site-header"><xsl:with-param name="current" select="'register'"/></xsl:call-template>
        <header class="register-header">
          <xsl:if test="normalize-space($index-href) != '' and not($site)">
            <nav><a class="index-link" href="{normalize-space($index-href)}">Index</a></nav>
          </xsl:if>
          <h1><xsl:value-of select="$title"/></h1>
          <nav class="register-toc">
            <a href="#{$persons-id}">Persons (<xsl:value-of select="count($persons)"/>)</a>
            <xsl:text> </xsl:text>
            <a href="#{$places-id}">Places (<xsl:value-of select="count($places)"/>)</a>
            <xsl:text> </xsl:text>
            <a href="#{$orgs-id}">Organisations (<xsl:value-of select="count($orgs)"/>)</a>
          </nav>
        </header>
        <main class="register" id="main">
          <xsl:call-template name="rg-section">
            <xsl:with-param name="id" select="$persons-id"/>
            <xsl:with-param name="heading" select="'Persons'"/>
            <xsl:with-param name="entries" select="$persons"/>
          </xsl:call-template>
          <xsl:call-template name="rg-section">
            <xsl:with-param name="id" select="$places-id"/>
            <xsl:with-param name="heading" select="'Places'"/>
            <xsl:with-param name="entries" select="$places"/>
          </xsl:call-template>
          <xsl:call-template name="rg-section">
            <xsl:with-param name="id" select="$orgs-id"/>
            <xsl:with-param name="heading" select="'Organisations'"/>
            <xsl:with-param name="entries" select="$orgs"/>
          </xsl:call-template>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- customisation hook, like the TEI Stylesheets' extra head content -->
  <xsl:template name="extra-head"/>

  <!-- $id, unless an entry has that xml:id: then one no xml:id can have (the
       generated id of the page element, made unique by a prefix with a dot) -->
  <xsl:template name="rg-section-id">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="key('rg-ids', $id)"><xsl:value-of select="concat($id, '.', generate-id())"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rg-section">
    <xsl:param name="id"/>
    <xsl:param name="heading"/>
    <xsl:param name="entries"/>
    <section class="register-section" id="{$id}">
      <h2><xsl:value-of select="$heading"/></h2>
      <xsl:choose>
        <xsl:when test="$entries">
          <xsl:for-each select="$entries">
            <!-- the builder's key (all entries have one, or none) -->
            <xsl:sort data-type="text" select="key('rg-sort', @xml:id)/@key"/>
            <!-- the heading's name: the preferred one, else the first -->
            <xsl:sort data-type="text" select="translate(normalize-space(
                (*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name]
                  [@type='preferred']
                 | *[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name]
                  [not(../*[@type='preferred'][self::tei:persName or self::tei:placeName
                                               or self::tei:orgName or self::tei:name])])[1]),
                $rg-sort-from, $rg-sort-to)"/>
            <xsl:sort data-type="text" select="normalize-space(@xml:id)"/>
            <xsl:call-template name="rg-entry"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><p class="no-entries">No entries.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================================================ entry -->

  <!-- context: a person, personGrp, place or org -->
  <xsl:template name="rg-entry">
    <xsl:variable name="names"
        select="tei:persName | tei:placeName | tei:orgName | tei:name"/>
    <xsl:variable name="preferred"
        select="($names[@type='preferred'] | $names[not($names[@type='preferred'])])[1]"/>
    <xsl:variable name="heading"><xsl:apply-templates select="$preferred" mode="rg-name"/></xsl:variable>
    <xsl:variable name="others" select="$names[count(. | $preferred) != count($preferred)]"/>
    <xsl:variable name="id" select="normalize-space(@xml:id)"/>
    <article class="entry {local-name()}">
      <xsl:if test="$id"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
      <h3 class="entry-name">
        <xsl:if test="$preferred/@xml:lang">
          <xsl:attribute name="lang"><xsl:value-of select="$preferred/@xml:lang"/></xsl:attribute>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="string($heading)"><xsl:value-of select="$heading"/></xsl:when>
          <xsl:when test="$id"><xsl:value-of select="$id"/></xsl:when>
          <xsl:otherwise>(unnamed)</xsl:otherwise>
        </xsl:choose>
      </h3>
      <dl class="entry-facts">
        <xsl:call-template name="rg-variants">
          <xsl:with-param name="others" select="$others"/>
          <xsl:with-param name="preferred" select="$preferred"/>
        </xsl:call-template>
        <xsl:call-template name="rg-geo"/>
        <xsl:if test="tei:idno[normalize-space()]">
          <dt>Authority records</dt>
          <dd>
            <ul class="idnos">
              <xsl:apply-templates select="tei:idno[normalize-space()]" mode="rg"/>
            </ul>
          </dd>
        </xsl:if>
        <xsl:for-each select="tei:note[normalize-space()]">
          <dt>Note</dt>
          <dd class="note">
            <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
            <xsl:value-of select="normalize-space()"/>
          </dd>
        </xsl:for-each>
        <dt>Mentions</dt>
        <dd class="mentions">
          <xsl:call-template name="rg-mentions">
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
        </dd>
      </dl>
    </article>
  </xsl:template>

  <!-- a name as one line: mixed content as it is, element-only content
       (<forename>A</forename><surname>B</surname>) joined with spaces -->
  <xsl:template match="*" mode="rg-name">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()] or not(*)">
        <xsl:value-of select="normalize-space()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*[normalize-space()]">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="rg-name"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the other names, each once, none repeating the preferred one (compared by
       their normalised text) -->
  <xsl:template name="rg-variants">
    <xsl:param name="others"/>
    <xsl:param name="preferred"/>
    <xsl:variable name="pn" select="normalize-space($preferred)"/>
    <xsl:variable name="shown" select="$others[normalize-space() != '' and normalize-space() != $pn]"/>
    <xsl:if test="$shown">
      <dt>Other names</dt>
      <dd class="variants">
        <xsl:for-each select="$shown">
          <!-- a name is shown at its first occurrence; "; " after any earlier one -->
          <xsl:variable name="earlier" select="preceding-sibling::*[count(. | $shown) = count($shown)]"/>
          <xsl:if test="not($earlier[normalize-space() = normalize-space(current())])">
            <xsl:if test="$earlier"><xsl:text>; </xsl:text></xsl:if>
            <span class="variant">
              <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
              <xsl:apply-templates select="." mode="rg-name"/>
            </span>
          </xsl:if>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- location/geo "LAT LON" (or "LAT,LON"): text, and a map link when both are
       numbers in range -->
  <xsl:template name="rg-geo">
    <xsl:for-each select="tei:location/tei:geo[normalize-space()]">
      <xsl:variable name="g" select="normalize-space(translate(., ',', ' '))"/>
      <xsl:variable name="lat" select="substring-before($g, ' ')"/>
      <xsl:variable name="lon" select="substring-before(concat(substring-after($g, ' '), ' '), ' ')"/>
      <dt>Coordinates</dt>
      <dd class="geo">
        <xsl:choose>
          <xsl:when test="$lat != '' and $lon != ''
                          and number($lat) &gt;= -90 and number($lat) &lt;= 90
                          and number($lon) &gt;= -180 and number($lon) &lt;= 180">
            <span class="coords"><xsl:value-of select="concat($lat, ', ', $lon)"/></span>
            <xsl:text> </xsl:text>
            <a class="map" href="https://www.openstreetmap.org/?mlat={$lat}&amp;mlon={$lon}">OpenStreetMap</a>
          </xsl:when>
          <xsl:otherwise>
            <span class="coords"><xsl:value-of select="normalize-space()"/></span>
          </xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
  </xsl:template>

  <!-- ======================================================== authorities -->

  <xsl:template match="tei:idno" mode="rg">
    <xsl:variable name="type" select="translate(normalize-space(@type),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="value" select="normalize-space()"/>
    <!-- a plain identifier: letters, digits, - _ . only (safe in a URL path) -->
    <xsl:variable name="plain" select="translate($value,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.', '') = ''"/>
    <xsl:variable name="value-is-url">
      <xsl:call-template name="rg-http-url"><xsl:with-param name="url" select="$value"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="href">
      <xsl:choose>
        <xsl:when test="string($value-is-url)"><xsl:value-of select="$value"/></xsl:when>
        <xsl:when test="not($plain)"/>
        <xsl:when test="$type = 'wikidata'"><xsl:value-of select="concat('https://www.wikidata.org/wiki/', $value)"/></xsl:when>
        <xsl:when test="$type = 'viaf'"><xsl:value-of select="concat('https://viaf.org/viaf/', $value)"/></xsl:when>
        <xsl:when test="$type = 'geonames'"><xsl:value-of select="concat('https://www.geonames.org/', $value)"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <li>
      <xsl:attribute name="class">
        <xsl:value-of select="normalize-space(concat('idno ', translate($type, ' ', '-')))"/>
      </xsl:attribute>
      <span class="idno-type">
        <xsl:choose>
          <xsl:when test="$type = 'wikidata'">Wikidata</xsl:when>
          <xsl:when test="$type = 'viaf'">VIAF</xsl:when>
          <xsl:when test="$type = 'geonames'">GeoNames</xsl:when>
          <xsl:when test="normalize-space(@type)"><xsl:value-of select="normalize-space(@type)"/></xsl:when>
          <xsl:otherwise>Identifier</xsl:otherwise>
        </xsl:choose>
        <xsl:text>:</xsl:text>
      </span>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="string($href)">
          <a class="authority" href="{$href}"><xsl:value-of select="$value"/></a>
        </xsl:when>
        <xsl:otherwise><span class="idno-value"><xsl:value-of select="$value"/></span></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="normalize-space(@source)">
        <xsl:variable name="source" select="normalize-space(@source)"/>
        <xsl:variable name="source-is-url">
          <xsl:call-template name="rg-http-url"><xsl:with-param name="url" select="$source"/></xsl:call-template>
        </xsl:variable>
        <xsl:text> </xsl:text>
        <small class="idno-source">
          <xsl:text>source: </xsl:text>
          <xsl:choose>
            <xsl:when test="string($source-is-url)"><a href="{$source}"><xsl:value-of select="$source"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="$source"/></xsl:otherwise>
          </xsl:choose>
        </small>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "1" when $url is an absolute http(s) URL without spaces -->
  <xsl:template name="rg-http-url">
    <xsl:param name="url"/>
    <xsl:variable name="lower" select="translate(substring($url, 1, 8),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:if test="not(contains($url, ' '))
                  and ((starts-with($lower, 'https://') and string-length($url) &gt; 8)
                       or (starts-with($lower, 'http://') and string-length($url) &gt; 7))">1</xsl:if>
  </xsl:template>

  <!-- "1" when $url may be a link from this page: relative (no scheme, not
       //host), or http(s). Not javascript:, data:… -->
  <xsl:template name="rg-url-ok">
    <xsl:param name="url"/>
    <xsl:variable name="scheme" select="substring-before($url, ':')"/>
    <xsl:choose>
      <xsl:when test="$url = '' or starts-with($url, '//') or contains($url, '\')"/>
      <xsl:when test="not(contains($url, ':'))">1</xsl:when>
      <!-- a colon after the first / ? # is not a scheme separator -->
      <xsl:when test="contains($scheme, '/') or contains($scheme, '?') or contains($scheme, '#')">1</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rg-http-url"><xsl:with-param name="url" select="$url"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ mentions -->

  <xsl:template name="rg-mentions">
    <xsl:param name="id"/>
    <xsl:variable name="all" select="key('rg-mentions', $id)"/>
    <xsl:choose>
      <xsl:when test="$id != '' and $all">
        <ul class="mentions">
          <!-- the first mention of each document (Muenchian grouping) -->
          <xsl:for-each select="$all[generate-id()
              = generate-id(key('rg-mentions-by-doc', concat($id, ' ', @doc))[1])]">
            <xsl:variable name="doc" select="normalize-space(@doc)"/>
            <xsl:variable name="doc-ok">
              <xsl:call-template name="rg-url-ok"><xsl:with-param name="url" select="$doc"/></xsl:call-template>
            </xsl:variable>
            <xsl:variable name="label">
              <xsl:choose>
                <xsl:when test="normalize-space(@docTitle)"><xsl:value-of select="normalize-space(@docTitle)"/></xsl:when>
                <xsl:when test="$doc"><xsl:value-of select="$doc"/></xsl:when>
                <xsl:otherwise>(unknown document)</xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <li class="mention-doc">
              <xsl:choose>
                <xsl:when test="string($doc-ok)"><a class="doc" href="{$doc}"><xsl:value-of select="$label"/></a></xsl:when>
                <xsl:otherwise><span class="doc"><xsl:value-of select="$label"/></span></xsl:otherwise>
              </xsl:choose>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="key('rg-mentions-by-doc', concat($id, ' ', @doc))">
                <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
                <xsl:call-template name="rg-mention">
                  <xsl:with-param name="doc" select="$doc"/>
                  <xsl:with-param name="doc-ok" select="string($doc-ok)"/>
                  <xsl:with-param name="n" select="position()"/>
                </xsl:call-template>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><span class="no-mentions">not mentioned in the edition</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- context: a mention -->
  <xsl:template name="rg-mention">
    <xsl:param name="doc"/>
    <xsl:param name="doc-ok"/>
    <xsl:param name="n"/>
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="normalize-space(@where)"><xsl:value-of select="normalize-space(@where)"/></xsl:when>
        <xsl:when test="normalize-space(@text)"><xsl:value-of select="normalize-space(@text)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('mention ', $n)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$doc-ok">
        <a class="mention">
          <xsl:attribute name="href">
            <xsl:value-of select="$doc"/>
            <xsl:if test="$target != ''"><xsl:value-of select="concat('#', $target)"/></xsl:if>
          </xsl:attribute>
          <xsl:if test="normalize-space(@text)">
            <xsl:attribute name="title"><xsl:value-of select="normalize-space(@text)"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$label"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="mention">
          <xsl:if test="normalize-space(@text)">
            <xsl:attribute name="title"><xsl:value-of select="normalize-space(@text)"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$label"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
