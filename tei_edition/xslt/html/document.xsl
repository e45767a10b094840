<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any TEI P5 document -> one standalone HTML5 page.

  Standalone: one file, an inline <style>, no script, no external CSS, fonts or
  images from the network (img only for relative graphic URLs; absolute ones
  become ordinary links). Untrusted input: link targets with a scheme other than
  http, https or mailto (javascript:, data:, …) are not made into links.

  Layout: this entry stylesheet holds the page, the structural blocks and the
  fallback; each family of TEI elements has its own file (header, notes, transcr,
  apparatus, names, lists, drama, registers); shared logic is in ../common/, all
  parameters in ../common/params.xsl.

  Parameters (all strings):
    register-href  page of the authority register; names whose @ref points into
                   register.xml link to {register-href}#{id}. Default register.html
    css            extra CSS appended to the inline style block. Default ''
    default-lang   page language when the TEI has no xml:lang. Default: none
    index-href     if given, a link back to the edition index. Default ''
    notes-heading  heading of the notes section. Default Notes
    (all parameters, editorial signs included: ../common/params.xsl)
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

  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/text.xsl"/>
  <xsl:include href="../common/notes.xsl"/>
  <xsl:include href="../common/transcr.xsl"/>
  <!-- one file per TEI module / family of elements -->
  <xsl:include href="header.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="transcr.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="lists.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="site.xsl"/>

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html> -->
  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

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

  <!-- the page language (none when the TEI declares none) -->
  <xsl:variable name="html-lang">
    <xsl:call-template name="tx-lang">
      <xsl:with-param name="fallback" select="$default-lang"/>
    </xsl:call-template>
  </xsl:variable>

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
.unclear{color:#555}
.gap,.pb,.cb,.app-variants{color:#777}
.pb[data-n]::before{content:"[" attr(data-n) "]";font-size:.8em}
.lb.break-no::after{content:"|";color:#aaa;font-size:.8em}
.app-variants{font-size:.9em}
.wit{font-style:italic}
.l{position:relative}
.lineno{position:absolute;left:-3em;width:2.5em;text-align:right;color:#777;font-size:.8em;user-select:none}
div.note{font-size:.93em;margin:.6em 0}
div.entry dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.8em 0}
div.entry dt{font-weight:bold}
div.entry dd{margin:0}
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
    <xsl:variable name="lang" select="string($html-lang)"/>
    <html>
      <!-- no lang at all when the TEI declares none: better than a wrong guess -->
      <xsl:if test="string($lang)"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
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
        <xsl:call-template name="site-head"/>
        <xsl:call-template name="extra-head"/>
      </head>
      <body>
        <xsl:call-template name="site-body-class"/>
        <!-- the search index (Pagefind) reads the text and notes, not the site's chrome -->
        <xsl:if test="$site"><xsl:attribute name="data-pagefind-body"/></xsl:if>
        <xsl:call-template name="site-header"><xsl:with-param name="current" select="'document'"/></xsl:call-template>
        <xsl:call-template name="html-page-header"/>
        <main class="text">
          <xsl:if test="$site"><xsl:attribute name="id">main</xsl:attribute></xsl:if>
          <xsl:apply-templates select="*"/>
        </main>
        <xsl:call-template name="html-notes"/>
        <xsl:call-template name="html-corrections"/>
        <xsl:call-template name="html-citation"/>
        <xsl:call-template name="html-doc-nav"/>
      </body>
    </html>
  </xsl:template>

  <!-- customisation hook, like the TEI Stylesheets' extra head content -->
  <xsl:template name="extra-head"/>





  <!-- ========================================================== helpers -->

  <!-- "1" when the context element is rendered inside HTML phrasing content:
       its nearest phrasing ancestor is not above a note (note content is moved
       to the notes list, where it is flow content again). -->
  <xsl:template name="html-in-phrasing">
    <xsl:variable name="a"
        select="ancestor::*[contains($html-phrasing, concat(' ', local-name(), ' '))]
                [not(self::tei:p and (tei:list or tei:table or tei:lg or tei:quote[tei:p or tei:l or tei:lg]
                 or tei:sp or tei:listBibl or tei:listPerson or tei:listPlace or tei:listOrg))][1]"/>
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
      <!-- browsers read \ as /: \\host/b.png, /\host and \/host fetch from another host -->
      <xsl:when test="$url = '' or contains($url, '\')"/>
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
                                 or self::tei:name or self::tei:rs][contains(@ref, 'register.xml#')
                                 or starts-with(normalize-space(@ref), '#') or starts-with(normalize-space(@ref), 'http')]">1</xsl:if>
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
      <!-- HTML forbids ul, table… in p: such a paragraph is a div.p -->
      <xsl:when test="not(string($inline)) and (tei:list or tei:table or tei:lg or tei:quote[tei:p or tei:l or tei:lg]
                      or tei:sp or tei:listBibl or tei:listPerson or tei:listPlace or tei:listOrg)">
        <div class="{normalize-space(concat('p ', @rend))}">
          <xsl:call-template name="html-p-content"/>
        </div>
      </xsl:when>
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
    <!-- edition pages: the paragraph's number as a link to its stable anchor (the
         script adds a copy-link button beside it) -->
    <xsl:if test="$site and @xml:id and ancestor::tei:body">
      <span class="p-tools" data-pagefind-ignore="all">
        <a class="p-anchor" href="#{@xml:id}" title="Link to this paragraph">
          <xsl:value-of select="normalize-space(concat('¶ ', @n))"/>
        </a>
      </span>
    </xsl:if>
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

  <xsl:template match="tei:titlePage | tei:docTitle
                       | tei:opener | tei:closer
                       | tei:postscript | tei:argument | tei:epigraph | tei:trailer
                       | tei:salute | tei:dateline | tei:signed | tei:floatingText
                       | tei:group | tei:text | tei:cit | tei:fw
                       | tei:figDesc">
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



  <!-- empty markers: only their id survives, as a link target -->
  <xsl:template match="tei:anchor | tei:milestone | tei:cb | tei:gb | tei:handShift">
    <xsl:if test="@xml:id"><span id="{@xml:id}" class="{local-name()}"></span></xsl:if>
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

  <!-- text: as it is, unless next to a word-breaking lb/pb/cb, where tx-text removes
       the whitespace beside it (common/transcr.xsl). Its test, as a pattern: most text
       nodes are not, and matching is much cheaper than the template's variables. -->
  <xsl:template match="text()">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="text()[(preceding-sibling::node()[1] | following-sibling::node()[1])
                              [self::tei:lb or self::tei:pb or self::tei:cb]
                              [@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden']]">
    <xsl:call-template name="tx-text"/>
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
