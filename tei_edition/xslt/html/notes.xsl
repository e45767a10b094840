<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: a numbered marker where the note is called (its place, or the first
  ref/ptr pointing to an endnote in back), the note in the Notes section at the
  end, each linking to the other. Numbering and the list of notes are shared
  with the other exporters (common/notes.xsl). A note standing between blocks is
  shown in place instead, so a list of endnotes is not a row of bare markers.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template name="html-notes">
    <xsl:if test="$tx-note-index/tx-note-pos">
      <xsl:variable name="items">
        <xsl:for-each select="$tx-note-index/tx-note-pos">
          <xsl:variable name="gid" select="@id"/>
          <xsl:for-each select="$tx-root">
            <xsl:for-each select="key('tx-note-by-gid', $gid)">
              <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
              <xsl:if test="not(string($alone))"><xsl:call-template name="html-note-item"/></xsl:if>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="string($items)">
        <section class="notes">
          <h2><xsl:value-of select="$notes-heading"/></h2>
          <ol class="notes"><xsl:copy-of select="$items"/></ol>
        </section>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- one note of the Notes section (context: the note) -->
  <xsl:template name="html-note-item">
    <xsl:variable name="id"><xsl:call-template name="tx-note-id"/></xsl:variable>
    <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
    <li class="note" id="{$id}">
      <xsl:call-template name="html-moved-lang"/>
      <a class="note-n" href="#noteref-{$id}"><xsl:value-of select="$n"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a class="noteback" href="#noteref-{$id}" title="back to the text">↩</a>
    </li>
  </xsl:template>

  <!-- lang of content moved away from its place (a note): its nearest xml:lang,
       when that is not the page's -->
  <xsl:template name="html-moved-lang">
    <xsl:variable name="l" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:if test="$l and string($l) != string($html-lang)">
      <xsl:attribute name="lang"><xsl:value-of select="$l"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- the marker; the note itself goes to the notes section -->
  <xsl:template match="tei:note">
    <xsl:variable name="listed"><xsl:call-template name="tx-note-listed"/></xsl:variable>
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:variable name="alone"><xsl:call-template name="tx-note-standalone"/></xsl:variable>
    <xsl:variable name="id"><xsl:call-template name="tx-note-id"/></xsl:variable>
    <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(string($listed)) or string($called)"/>
      <xsl:when test="string($alone)">
        <div class="note" id="{$id}">
          <xsl:call-template name="html-moved-lang"/>
          <span class="note-n"><xsl:value-of select="$n"/></span>
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <sup><a class="noteref" id="noteref-{$id}" href="#{$id}"><xsl:value-of select="$n"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a pointer that calls an endnote (its first call): the note's marker. Its own
       content stays when it is words ("see note"), not when it is a bare "1" or "*". -->
  <xsl:template name="html-note-call">
    <xsl:param name="note"/>
    <xsl:for-each select="$note">
      <xsl:variable name="id"><xsl:call-template name="tx-note-id"/></xsl:variable>
      <xsl:variable name="n"><xsl:call-template name="tx-note-n"/></xsl:variable>
      <sup><a class="noteref" id="noteref-{$id}" href="#{$id}"><xsl:value-of select="$n"/></a></sup>
    </xsl:for-each>
  </xsl:template>

  <!-- a div in back holding only called endnotes (and a head): nothing left to show
       in place, the notes are in the Notes section -->
  <xsl:template match="tei:div[tei:note][ancestor::tei:back]">
    <xsl:choose>
      <xsl:when test="not(node()[self::* or self::text()[normalize-space()]]
                      [not(self::tei:head)][not(self::tei:note[@xml:id and key('tx-calls', @xml:id)])])"/>
      <xsl:otherwise>
        <xsl:call-template name="html-block">
          <xsl:with-param name="class" select="normalize-space(concat('div ', @type))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
