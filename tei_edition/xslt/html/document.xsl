<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any TEI P5 document -> one standalone HTML5 page.

  Standalone: one file, an inline <style>, no script, no external CSS, fonts or
  images from the network (img only for relative graphic URLs; absolute ones
  become ordinary links). Untrusted input: link targets with a scheme other than
  http, https or mailto (javascript:, data:, …) are not made into links.

  Parameters (all strings):
    register-href  page of the authority register; names whose @ref points into
                   register.xml link to {register-href}#{id}. Default register.html
    css            extra CSS appended to the inline style block. Default ''
    default-lang   page language when the TEI has no xml:lang. Default en
    index-href     if given, a link back to the edition index. Default ''
    notes-heading  heading of the notes section. Default Notes
  Customisation: import this stylesheet and override the named template
  extra-head (empty here; called at the end of <head>), or any element template.

  Rendering: default mode, one template per TEI element; an unknown element
  (any namespace) becomes a div, or a span inside phrasing content, with
  class = its local name, keeping xml:id as id and xml:lang as lang, and its
  text. Notes become superscript links to a notes section at the end, each note
  linking back with ↩.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    exclude-result-prefixes="tei eg xi">

  <xsl:include href="../common/text.xsl"/>

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="register-href" select="'register.html'"/>
  <xsl:param name="css" select="''"/>
  <xsl:param name="default-lang" select="'en'"/>
  <xsl:param name="index-href" select="''"/>
  <xsl:param name="notes-heading" select="'Notes'"/>

  <!-- TEI elements rendered as HTML phrasing containers (p, h1-h6, span, a, …):
       a block-level TEI element inside one of them must become a span (a div in
       a p would be split off by every HTML parser). -->
  <xsl:variable name="html-phrasing" select="concat(' ', normalize-space('
      p ab head titlePart docAuthor docDate docImprint docEdition byline label hi emph
      foreign q said persName placeName orgName name rs date time ref ptr title choice
      sic corr orig reg abbr expan ex am add del subst mod supplied unclear damage seg w c
      g pc num measure term gi att tag val soCalled mentioned gloss roleName forename
      surname addName nameLink genName geogName settlement region country district bloc
      idno app lem rdg rdgGrp role roleDesc actor'), ' ')"/>

  <xsl:variable name="html-doc-title" select="/*/tei:text/tei:front/descendant::tei:docTitle[1]"/>

  <xsl:variable name="html-style">
    <xsl:text>
body{font-family:Georgia,"Times New Roman",serif;line-height:1.55;max-width:44em;margin:0 auto;padding:1em 1.2em 3em;color:#1d1d1d;background:#fff}
a{color:#1a4f8b}
header.doc-header{border-bottom:1px solid #ccc;margin-bottom:1.5em;padding-bottom:.5em}
.doc-title{font-size:1.35em;font-weight:bold;margin:.3em 0}
dl.doc-meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;font-size:.9em}
dl.doc-meta dt{font-weight:bold}
dl.doc-meta dd{margin:0}
h1{font-size:1.7em;line-height:1.25}
.titlePart,.docDate,.byline,.docAuthor{margin:.4em 0}
.byline,.docDate{font-style:italic}
a.label{font-weight:bold;text-decoration:none;color:inherit}
a.label:hover{text-decoration:underline}
sup{line-height:0}
a.noteref{text-decoration:none;padding:0 .1em}
section.notes{border-top:1px solid #ccc;margin-top:2.5em;font-size:.93em}
ol.notes{list-style:none;padding-left:0}
ol.notes li{margin:.6em 0}
.note-n{font-weight:bold;margin-right:.4em;text-decoration:none}
a.noteback{text-decoration:none;margin-left:.3em}
.choice[title]{border-bottom:1px dotted #888;cursor:help}
del{color:#8a1f11}
ins{color:#1f6b2a;text-decoration:none;border-bottom:1px solid #9c9}
.supplied::before{content:"["}.supplied::after{content:"]"}
.ex::before{content:"("}.ex::after{content:")"}
.unclear{color:#555}
.gap,.pb,.app-variants{color:#777}
.pb[data-n]::before{content:"[" attr(data-n) "]";font-size:.8em}
.app-variants::before{content:" ["}.app-variants::after{content:"]"}
.block{display:block}
.lg{margin:1em 0}
.l{min-height:1.2em}
.sp{margin:1em 0}
.speaker{font-weight:bold}
.stage{font-style:italic}
blockquote{margin:1em 2em}
figure img{max-width:100%;height:auto}
.underline{text-decoration:underline}
.smallcaps{font-variant:small-caps}
.strikethrough{text-decoration:line-through}
.persName,.placeName,.orgName,.name,.rs{color:inherit}
a.persName,a.placeName,a.orgName,a.name,a.rs{text-decoration:underline dotted}
pre.egXML{white-space:pre-wrap;background:#f5f5f5;padding:.6em;font-size:.85em}
.gi,.tag,.att,.val{font-family:monospace;font-size:.92em}
</xsl:text>
  </xsl:variable>

  <!-- ============================================================== page -->

  <xsl:template match="/">
    <xsl:variable name="lang">
      <xsl:call-template name="tx-lang">
        <xsl:with-param name="fallback" select="$default-lang"/>
      </xsl:call-template>
    </xsl:variable>
    <html lang="{$lang}">
      <head>
        <!-- libxml2's HTML serialiser always writes this charset declaration; writing
             it here keeps it the only one (a second, <meta charset>, is invalid). -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:call-template name="html-page-title"/></title>
        <style>
          <xsl:value-of select="$html-style"/>
          <xsl:value-of select="$css"/>
        </style>
        <xsl:call-template name="extra-head"/>
      </head>
      <body>
        <xsl:call-template name="html-page-header"/>
        <main class="text">
          <xsl:apply-templates select="*"/>
        </main>
        <xsl:call-template name="html-notes"/>
        <xsl:call-template name="html-corrections"/>
      </body>
    </html>
  </xsl:template>

  <!-- customisation hook, like the TEI Stylesheets' extra head content -->
  <xsl:template name="extra-head"/>

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

  <xsl:template name="html-source">
    <xsl:variable name="line"><xsl:call-template name="tx-source-line"/></xsl:variable>
    <xsl:if test="string($line)">
      <dt>Source</dt>
      <dd><xsl:value-of select="$line"/></dd>
    </xsl:if>
  </xsl:template>

  <!-- authority numbers inside the header's author are not part of the name -->
  <xsl:template match="tei:titleStmt/tei:author/tei:idno"/>

  <!-- ============================================================ notes -->

  <xsl:template name="html-notes">
    <xsl:variable name="notes" select="key('tx-notes', 'all')"/>
    <xsl:if test="$notes">
      <section class="notes">
        <h2><xsl:value-of select="$notes-heading"/></h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <xsl:variable name="id"><xsl:call-template name="tx-note-id"/></xsl:variable>
            <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
            <li class="note" id="{$id}">
              <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
              <a class="note-n" href="#noteref-{$id}"><xsl:value-of select="$n"/></a>
              <xsl:text> </xsl:text>
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="noteback" href="#noteref-{$id}" title="back to the text">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Editorial corrections (choice/sic/corr) listed after the notes, each linking to
       the corrected reading in the text: the original is on hover and here. -->
  <xsl:key name="html-corrections" match="tei:text//tei:choice[tei:sic and tei:corr]"
           use="'all'"/>

  <xsl:template name="html-corrections">
    <xsl:variable name="all" select="key('html-corrections', 'all')"/>
    <xsl:if test="$all">
      <section class="corrections">
        <h2>Editorial corrections</h2>
        <ul class="corrections">
          <xsl:for-each select="$all">
            <li>
              <a href="#corr-{generate-id()}">
                <xsl:choose>
                  <xsl:when test="ancestor::tei:note[1]">
                    <xsl:value-of select="concat('note ', ancestor::tei:note[1]/@n)"/>
                  </xsl:when>
                  <xsl:when test="ancestor::tei:p[@n]">
                    <xsl:value-of select="concat('¶ ', ancestor::tei:p[@n][1]/@n)"/>
                  </xsl:when>
                  <xsl:otherwise>text</xsl:otherwise>
                </xsl:choose>
              </a>
              <xsl:text>: </xsl:text>
              <span class="sic"><xsl:value-of select="normalize-space(tei:sic)"/></span>
              <xsl:text> corrected to </xsl:text>
              <span class="corr"><xsl:value-of select="normalize-space(tei:corr)"/></span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- the marker; the note itself goes to the notes section -->
  <xsl:template match="tei:note">
    <xsl:if test="not(ancestor::tei:teiHeader)">
      <xsl:variable name="id"><xsl:call-template name="tx-note-id"/></xsl:variable>
      <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
      <sup><a class="noteref" id="noteref-{$id}" href="#{$id}"><xsl:value-of select="$n"/></a></sup>
    </xsl:if>
  </xsl:template>

  <!-- ========================================================== helpers -->

  <!-- "1" when the context element is rendered inside HTML phrasing content:
       its nearest phrasing ancestor is not above a note (note content is moved
       to the notes list, where it is flow content again). -->
  <xsl:template name="html-in-phrasing">
    <xsl:variable name="a"
        select="ancestor::*[contains($html-phrasing, concat(' ', local-name(), ' '))][1]"/>
    <xsl:variable name="n" select="ancestor::tei:note[1]"/>
    <xsl:if test="$a and (not($n) or count($a/ancestor::*) &gt; count($n/ancestor::*))">1</xsl:if>
  </xsl:template>

  <!-- id (from xml:id) and lang (from xml:lang) of the context element -->
  <xsl:template name="html-atts">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- "1" if $url may be a link: relative, or http(s)/mailto. Not javascript:, data:… -->
  <xsl:template name="html-url-ok">
    <xsl:param name="url"/>
    <xsl:variable name="scheme" select="translate(substring-before($url, ':'),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$url = ''"/>
      <xsl:when test="not(contains($url, ':'))">1</xsl:when>
      <!-- a colon after the first / ? # is not a scheme separator -->
      <xsl:when test="contains($scheme, '/') or contains($scheme, '?') or contains($scheme, '#')">1</xsl:when>
      <xsl:when test="$scheme = 'http' or $scheme = 'https' or $scheme = 'mailto'">1</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "1" if the context element sits inside something rendered as a link -->
  <xsl:template name="html-in-link">
    <xsl:if test="ancestor::tei:ref[@target] or ancestor::tei:ptr
                  or ancestor::tei:label[parent::tei:p]
                  or ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName
                                 or self::tei:name or self::tei:rs][contains(@ref, 'register.xml#')]">1</xsl:if>
  </xsl:template>

  <!-- the id of a p (context): xml:id, else generated (for its label's link) -->
  <xsl:template name="html-p-id">
    <xsl:choose>
      <xsl:when test="normalize-space(@xml:id)"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('p-', generate-id())"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a block element: $block-name in flow content, a span.block in phrasing -->
  <xsl:template name="html-block">
    <xsl:param name="block-name" select="'div'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="{$class} block">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$block-name}">
          <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- an inline element: <$name class="…">content</…> -->
  <xsl:template name="html-inline">
    <xsl:param name="name" select="'span'"/>
    <xsl:param name="class" select="local-name()"/>
    <xsl:call-template name="tx-sep"/>
    <xsl:element name="{$name}">
      <xsl:if test="$class != ''">
        <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="html-atts"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ======================================================== structure -->

  <xsl:template match="tei:teiHeader | tei:facsimile | xi:include"/>

  <xsl:template match="tei:TEI | tei:teiCorpus">
    <div class="{local-name()}">
      <xsl:call-template name="html-atts"/>
      <xsl:apply-templates select="node()[not(self::tei:teiHeader)]"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'section'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
                       | tei:div6 | tei:div7">
    <xsl:call-template name="html-block">
      <xsl:with-param name="class" select="normalize-space(concat('div ', @type))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1
        or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5
        or self::tei:div6 or self::tei:div7])"/>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="head block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="parent::tei:figure">
        <figcaption class="head"><xsl:call-template name="html-atts"/><xsl:apply-templates/></figcaption>
      </xsl:when>
      <xsl:when test="parent::tei:table">
        <caption class="head"><xsl:call-template name="html-atts"/><xsl:apply-templates/></caption>
      </xsl:when>
      <xsl:when test="parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3
                      or parent::tei:div4 or parent::tei:div5 or parent::tei:div6
                      or parent::tei:div7 or parent::tei:front or parent::tei:body
                      or parent::tei:back or parent::tei:text or parent::tei:group">
        <xsl:variable name="level">
          <xsl:choose>
            <xsl:when test="$depth &lt; 1">2</xsl:when>
            <xsl:when test="$depth &gt; 5">6</xsl:when>
            <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:element name="h{$level}">
          <xsl:attribute name="class">head</xsl:attribute>
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <p class="head"><xsl:call-template name="html-atts"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="{normalize-space(concat('p block ', @rend))}">
          <xsl:call-template name="html-p-content"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="normalize-space(@rend)">
            <xsl:attribute name="class"><xsl:value-of select="normalize-space(@rend)"/></xsl:attribute>
          </xsl:if>
          <xsl:call-template name="html-p-content"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a paragraph's attributes and content: its id (xml:id, or a generated one when
       its label needs a link target), lang, n -->
  <xsl:template name="html-p-content">
    <xsl:if test="@xml:id or tei:label[not(preceding-sibling::*)]">
      <xsl:attribute name="id"><xsl:call-template name="html-p-id"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:ab">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'p'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- the paragraph label "(1)": a link to its paragraph, showing the regularised
       form with the original in the title -->
  <xsl:template match="tei:p/tei:label[not(preceding-sibling::*)]">
    <xsl:variable name="href"><xsl:for-each select=".."><xsl:call-template name="html-p-id"/></xsl:for-each></xsl:variable>
    <a class="label" href="#{$href}">
      <xsl:if test="tei:choice/tei:orig">
        <xsl:attribute name="title">
          <xsl:value-of select="concat('original: ', normalize-space(tei:choice/tei:orig))"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <xsl:template match="tei:titlePage | tei:docTitle | tei:lg | tei:sp | tei:castList
                       | tei:castGroup | tei:castItem | tei:opener | tei:closer
                       | tei:postscript | tei:argument | tei:epigraph | tei:trailer
                       | tei:salute | tei:dateline | tei:signed | tei:floatingText
                       | tei:group | tei:text | tei:cit | tei:l | tei:speaker | tei:fw
                       | tei:listBibl | tei:figDesc">
    <xsl:call-template name="html-block"/>
  </xsl:template>

  <xsl:template match="tei:titlePart">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name">
        <xsl:choose>
          <xsl:when test="@type = 'main' or not(@type)">h1</xsl:when>
          <xsl:otherwise>p</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="class" select="normalize-space(concat('titlePart ', @type))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:docAuthor | tei:docDate | tei:docImprint | tei:docEdition | tei:byline">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'p'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- stage directions inside a verse line or paragraph are inline -->
  <xsl:template match="tei:stage">
    <xsl:choose>
      <xsl:when test="parent::tei:l or parent::tei:p or parent::tei:ab or parent::tei:seg">
        <xsl:call-template name="html-inline"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="html-block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <xsl:call-template name="html-inline">
          <xsl:with-param name="name" select="'q'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="html-block">
          <xsl:with-param name="block-name" select="'blockquote'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- lists: ul / ol, or dl for label-item (gloss) lists -->
  <xsl:template match="tei:list">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <span class="list block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="list">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates select="tei:head"/>
          <xsl:variable name="name">
            <xsl:choose>
              <xsl:when test="tei:label">dl</xsl:when>
              <xsl:when test="@type = 'ordered' or contains(@rend, 'numbered')">ol</xsl:when>
              <xsl:otherwise>ul</xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:element name="{$name}">
            <xsl:apply-templates select="node()[not(self::tei:head)]"/>
          </xsl:element>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:list)">
        <span class="item block"><xsl:call-template name="html-atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="../tei:label">
        <dd class="item"><xsl:call-template name="html-atts"/><xsl:apply-templates/></dd>
      </xsl:when>
      <xsl:otherwise>
        <li class="item"><xsl:call-template name="html-atts"/><xsl:apply-templates/></li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list/tei:label">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)"><xsl:call-template name="html-inline"/></xsl:when>
      <xsl:otherwise>
        <dt class="label"><xsl:call-template name="html-atts"/><xsl:apply-templates/></dt>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)"><xsl:call-template name="html-block"/></xsl:when>
      <xsl:otherwise>
        <table class="table">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates select="tei:head"/>
          <tbody><xsl:apply-templates select="node()[not(self::tei:head)]"/></tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:row">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:table)"><xsl:call-template name="html-block"/></xsl:when>
      <xsl:otherwise>
        <tr><xsl:call-template name="html-atts"/><xsl:apply-templates/></tr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or not(parent::tei:row/parent::tei:table)">
        <xsl:text> </xsl:text>
        <xsl:call-template name="html-inline"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{substring('tdth', 1 + 2 * (@role = 'label'), 2)}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="@cols &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
          <xsl:if test="@rows &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- figures: img only for a relative URL (nothing loaded from the network) -->
  <xsl:template match="tei:figure">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'figure'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:graphic | tei:media">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="ok"><xsl:call-template name="html-url-ok">
      <xsl:with-param name="url" select="$url"/>
    </xsl:call-template></xsl:variable>
    <xsl:variable name="alt" select="normalize-space((../tei:figDesc | tei:desc | ../tei:head)[1])"/>
    <xsl:choose>
      <!-- relative: no scheme, and not protocol-relative //host/… -->
      <xsl:when test="string($ok) and not(contains($url, ':')) and not(starts-with($url, '//'))
                      and self::tei:graphic">
        <img src="{$url}" alt="{$alt}">
          <xsl:call-template name="html-atts"/>
        </img>
      </xsl:when>
      <xsl:when test="string($ok)">
        <a class="{local-name()}" href="{$url}">
          <xsl:call-template name="html-atts"/>
          <xsl:value-of select="$url"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="html-atts"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="tei:desc"/>
  </xsl:template>

  <!-- ========================================================== phrases -->

  <xsl:template match="tei:lb">
    <!-- a break before any content of its block (<p><lb/>text) is no line break in
         HTML; its xml:id still marks the place -->
    <!-- (no element before it, then no text: "[1]" first, so a long p full of lb
         is not rescanned for every lb) -->
    <xsl:variable name="leading"
        select="not(preceding-sibling::*[1])
                and not(preceding-sibling::text()[normalize-space()])
                and contains(' p ab l head item titlePart byline docDate ', concat(' ', local-name(..), ' '))"/>
    <xsl:choose>
      <xsl:when test="$leading">
        <xsl:if test="@xml:id"><span id="{@xml:id}" class="lb"></span></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <br><xsl:call-template name="html-atts"/></br>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pb">
    <span class="pb">
      <xsl:call-template name="html-atts"/>
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <!-- empty markers: only their id survives, as a link target -->
  <xsl:template match="tei:anchor | tei:milestone | tei:cb | tei:gb | tei:handShift">
    <xsl:if test="@xml:id"><span id="{@xml:id}" class="{local-name()}"></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:space">
    <xsl:if test="not(@dim = 'vertical')"><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="@xml:id"><span id="{@xml:id}" class="space"></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:hi">
    <xsl:variable name="r" select="concat(' ', normalize-space(translate(concat(@rend, ' ', @rendition), '#', '')), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($r, ' sup ') or contains($r, ' superscript ')">
        <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'sup'"/><xsl:with-param name="class" select="''"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($r, ' sub ') or contains($r, ' subscript ')">
        <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'sub'"/><xsl:with-param name="class" select="''"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($r, ' bold ') or contains($r, ' b ') or contains($r, ' strong ')">
        <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'strong'"/><xsl:with-param name="class" select="''"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$r = '  ' or contains($r, ' italic ') or contains($r, ' italics ')
                      or contains($r, ' i ') or contains($r, ' it ') or contains($r, ' emph ')">
        <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'em'"/><xsl:with-param name="class" select="''"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="html-inline">
          <xsl:with-param name="class" select="normalize-space(concat('hi ', translate($r, '()+', '-  ')))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:emph">
    <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'em'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:title[not(ancestor::tei:teiHeader)]">
    <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'cite'"/></xsl:call-template>
  </xsl:template>

  <!-- quotation: the marks recorded in @rend pre(…) post(…), else <q> -->
  <xsl:template match="tei:q | tei:said">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'pre(') or contains(@rend, 'post(')">
        <xsl:call-template name="tx-sep"/>
        <span class="{local-name()}">
          <xsl:call-template name="html-atts"/>
          <xsl:call-template name="tx-q-pre"/>
          <xsl:apply-templates/>
          <xsl:call-template name="tx-q-post"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- choice: the editorial reading shown (corr, reg, expan, else the first
       alternative), the source reading (sic, orig, abbr) in the title -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:corr | tei:reg[not(../tei:corr)]
        | tei:expan[not(../tei:corr or ../tei:reg)]
        | *[not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
    <xsl:variable name="other" select="(tei:sic | tei:orig[not(../tei:sic)]
        | tei:abbr[not(../tei:sic or ../tei:orig)]
        | *[not(../tei:sic or ../tei:orig or ../tei:abbr)][count(. | $shown) != 1])[1]"/>
    <xsl:choose>
      <!-- in a paragraph label the link's title already gives the original -->
      <xsl:when test="parent::tei:label[parent::tei:p]">
        <xsl:apply-templates select="$shown/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tx-sep"/>
        <span class="{normalize-space(concat('choice ', local-name($shown)))}">
          <xsl:call-template name="html-atts"/>
          <xsl:if test="tei:sic and tei:corr and not(@xml:id)">
            <xsl:attribute name="id"><xsl:value-of select="concat('corr-', generate-id())"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="normalize-space($other)">
            <xsl:attribute name="title">
              <xsl:choose>
                <xsl:when test="$other/self::tei:abbr">abbreviated: </xsl:when>
                <xsl:otherwise>original: </xsl:otherwise>
              </xsl:choose>
              <xsl:value-of select="normalize-space($other)"/>
            </xsl:attribute>
          </xsl:if>
          <xsl:if test="$shown/@resp">
            <xsl:attribute name="data-resp"><xsl:value-of select="$shown/@resp"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates select="$shown/node()"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
    <!-- notes inside the readings not shown keep their markers -->
    <xsl:apply-templates select="*[count(. | $shown) != 1]//tei:note"/>
  </xsl:template>

  <!-- apparatus: the lemma (or first reading), other readings after it -->
  <xsl:template match="tei:app">
    <xsl:variable name="main" select="(tei:lem | tei:rdg[not(../tei:lem)])[1]"/>
    <span class="app">
      <xsl:call-template name="html-atts"/>
      <xsl:apply-templates select="$main/node()"/>
      <xsl:if test="tei:rdg[count(. | $main) != 1] or tei:rdgGrp">
        <span class="app-variants">
          <xsl:for-each select="tei:rdg[count(. | $main) != 1] | tei:rdgGrp">
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <span class="{local-name()}">
              <xsl:if test="@wit"><xsl:attribute name="title"><xsl:value-of select="@wit"/></xsl:attribute></xsl:if>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
        </span>
      </xsl:if>
      <xsl:apply-templates select="tei:note"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del">
    <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'del'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:call-template name="html-inline"><xsl:with-param name="name" select="'ins'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap">
      <xsl:call-template name="html-atts"/>
      <xsl:if test="@reason"><xsl:attribute name="title"><xsl:value-of select="@reason"/></xsl:attribute></xsl:if>
      <xsl:text>[…]</xsl:text>
    </span>
  </xsl:template>

  <!-- names: a link into the register when @ref points into register.xml -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:variable name="reg"><xsl:call-template name="tx-register-id"/></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="html-in-link"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="string($reg) and not(string($in-link))">
        <a class="{local-name()}" href="{$register-href}#{$reg}">
          <xsl:call-template name="html-atts"/>
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
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- links: "#x" only when x is an element of the rendered text -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]">
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="ok">
      <xsl:choose>
        <xsl:when test="starts-with($target, '#')">
          <xsl:if test="key('tx-ids', substring($target, 2))[not(ancestor::tei:teiHeader)]">1</xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="html-url-ok"><xsl:with-param name="url" select="$target"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="html-in-link"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="string($ok) and not(string($in-link))">
        <a class="{local-name()}" href="{$target}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}" data-target="{@target}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- prose about markup -->
  <xsl:template match="tei:gi | tei:tag">
    <code class="{local-name()}">
      <xsl:call-template name="html-atts"/>
      <xsl:value-of select="concat('&lt;', normalize-space(), '&gt;')"/>
    </code>
  </xsl:template>

  <xsl:template match="tei:att">
    <code class="att"><xsl:call-template name="html-atts"/><xsl:value-of select="concat('@', normalize-space())"/></code>
  </xsl:template>

  <xsl:template match="tei:val">
    <code class="val"><xsl:call-template name="html-atts"/><xsl:value-of select="concat('&quot;', normalize-space(), '&quot;')"/></code>
  </xsl:template>

  <!-- TEI examples (egXML): shown as their markup -->
  <xsl:template match="eg:egXML">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline)">
        <code class="egXML"><xsl:apply-templates mode="html-eg"/></code>
      </xsl:when>
      <xsl:otherwise>
        <pre class="egXML"><code><xsl:apply-templates mode="html-eg"/></code></pre>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="html-eg">
    <xsl:value-of select="concat('&lt;', name())"/>
    <xsl:for-each select="@*">
      <xsl:value-of select="concat(' ', name(), '=&quot;', ., '&quot;')"/>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="node()">
        <xsl:text>&gt;</xsl:text>
        <xsl:apply-templates mode="html-eg"/>
        <xsl:value-of select="concat('&lt;/', name(), '&gt;')"/>
      </xsl:when>
      <xsl:otherwise><xsl:text>/&gt;</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="comment()" mode="html-eg">
    <xsl:value-of select="concat('&lt;!--', ., '--&gt;')"/>
  </xsl:template>

  <!-- ========================================================== generic -->

  <!-- any other element, in any namespace: a div in flow content, a span in
       phrasing content (or when it is a phrase-level element), class = its local
       name, id and lang kept, content rendered. -->
  <xsl:template match="*">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or contains($tx-subword, concat(' ', local-name(), ' '))
                      or contains($html-phrasing, concat(' ', local-name(), ' '))">
        <xsl:variable name="block" select="contains($tx-lines, concat(' ', local-name(), ' '))"/>
        <xsl:call-template name="html-inline">
          <xsl:with-param name="class" select="concat(local-name(), substring(' block', 1, 6 * $block))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tx-sep"/>
        <div class="{local-name()}">
          <xsl:call-template name="html-atts"/>
          <xsl:apply-templates/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
