<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes, shared by the html, text and markdown exporters: which notes there are,
  where each is called, and its number.

  - Every note of the text (not of the header) is listed once. A note inside a
    source reading (sic, orig, abbr) that repeats, word for word, a note of the
    reading shown (corr, reg, expan) is the same note encoded twice: it is left out.
  - An endnote kept in back (ELTeC: back/div[@type='notes']/note[@xml:id]) that a
    ref or ptr points to is "called": it is numbered and marked at its first call,
    and not marked where it stands. Any other note is marked where it stands.
  - Numbers follow document order of the marks (calls count where they are). A
    note's own @n is shown when it has one.
  Numbering in XSLT 1.0 without rescanning the document per note (count(preceding::)
  and xsl:number level="any" are quadratic): one pass over a key lists the marks in
  document order into a result tree fragment; a second numbers them by position();
  keys on that fragment answer each lookup (exsl:node-set, built into libxslt).
  The variables are global: libxslt builds them once, and only when a note needs them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    exclude-result-prefixes="tei exsl xi">

  <!-- the notes that are listed (see above for the duplicate rule) -->
  <xsl:key name="tx-notes"
      match="tei:note[not(ancestor::tei:teiHeader or ancestor::tei:facsimile or ancestor::xi:include)]
                     [not(parent::tei:sic and ../../tei:corr/tei:note = .)]
                     [not(parent::tei:orig and ../../tei:reg/tei:note = .)]
                     [not(parent::tei:abbr and ../../tei:expan/tei:note = .)]"
      use="'all'"/>
  <xsl:key name="tx-note-by-gid"
      match="tei:note[not(ancestor::tei:teiHeader or ancestor::tei:facsimile or ancestor::xi:include)]"
      use="generate-id()"/>

  <!-- pointers to an id of this document, by that id (first token of @target) -->
  <xsl:key name="tx-calls"
      match="tei:ref[starts-with(normalize-space(@target), '#')][not(ancestor::tei:teiHeader)]
             | tei:ptr[starts-with(normalize-space(@target), '#')][not(ancestor::tei:teiHeader)]"
      use="substring-before(concat(substring(normalize-space(@target), 2), ' '), ' ')"/>

  <!-- candidate marks, in document order: listed notes, and pointers that may call one -->
  <xsl:key name="tx-note-events"
      match="tei:note[not(ancestor::tei:teiHeader or ancestor::tei:facsimile or ancestor::xi:include)]
                     [not(parent::tei:sic and ../../tei:corr/tei:note = .)]
                     [not(parent::tei:orig and ../../tei:reg/tei:note = .)]
                     [not(parent::tei:abbr and ../../tei:expan/tei:note = .)]
             | tei:ref[starts-with(normalize-space(@target), '#')][not(ancestor::tei:teiHeader)]
             | tei:ptr[starts-with(normalize-space(@target), '#')][not(ancestor::tei:teiHeader)]
             | tei:choice[not(ancestor::tei:choice)][.//tei:note][not(ancestor::tei:teiHeader or ancestor::tei:facsimile)]"
      use="'all'"/>

  <xsl:variable name="tx-root" select="/"/>

  <xsl:variable name="tx-note-marks">
    <xsl:for-each select="key('tx-note-events', 'all')">
      <xsl:choose>
        <!-- a choice's notes are marked after the reading shown: its own notes
             first, then those of the readings not shown (in their order) -->
        <xsl:when test="self::tei:choice">
          <xsl:variable name="shown" select="(tei:corr | tei:reg[not(../tei:corr)]
              | tei:expan[not(../tei:corr or ../tei:reg)]
              | *[not(../tei:corr or ../tei:reg or ../tei:expan)])[1]"/>
          <xsl:for-each select="$shown//tei:note"><xsl:call-template name="tx-mark-note"/></xsl:for-each>
          <xsl:for-each select="*[count(. | $shown) != 1]//tei:note"><xsl:call-template name="tx-mark-note"/></xsl:for-each>
        </xsl:when>
        <xsl:when test="self::tei:note">
          <xsl:if test="not(ancestor::tei:choice)"><xsl:call-template name="tx-mark-note"/></xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="t" select="substring-before(concat(substring(normalize-space(@target), 2), ' '), ' ')"/>
          <xsl:variable name="note" select="key('tx-ids', $t)[1][self::tei:note][ancestor::tei:back]"/>
          <xsl:if test="$note and generate-id(key('tx-calls', $t)[1]) = generate-id()
                        and not(ancestor::tei:note[count(. | $note) = 1])">
            <m note="{generate-id($note)}" call="{generate-id()}"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="tx-note-rtf">
    <xsl:for-each select="exsl:node-set($tx-note-marks)/m">
      <tx-note-pos id="{@note}" call="{@call}" n="{position()}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="tx-note-index" select="exsl:node-set($tx-note-rtf)"/>
  <xsl:key name="tx-note-pos" match="tx-note-pos" use="@id"/>
  <xsl:key name="tx-note-call" match="tx-note-pos" use="@call"/>

  <xsl:template name="tx-mark-note">
    <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
    <xsl:if test="not(string($called))
                  and not(parent::tei:sic and ../../tei:corr/tei:note = .)
                  and not(parent::tei:orig and ../../tei:reg/tei:note = .)
                  and not(parent::tei:abbr and ../../tei:expan/tei:note = .)">
      <m note="{generate-id()}"/>
    </xsl:if>
  </xsl:template>

  <!-- "1" when the context note is an endnote in back called by a pointer -->
  <xsl:template name="tx-note-called">
    <xsl:if test="ancestor::tei:back and @xml:id and key('tx-calls', @xml:id)
                  [not(ancestor::tei:note[@xml:id = current()/@xml:id])]">1</xsl:if>
  </xsl:template>

  <!-- "1" when the context note is a listed one (not a repeat inside a source reading) -->
  <xsl:template name="tx-note-listed">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:for-each select="$tx-note-index">
      <xsl:if test="key('tx-note-pos', $id)">1</xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The number shown for a note (context: the note): @n, else its mark's position. -->
  <xsl:template name="tx-note-n">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="generate-id()"/>
        <!-- key() looks in the context node's document: switch to the index -->
        <xsl:for-each select="$tx-note-index">
          <xsl:value-of select="key('tx-note-pos', $id)/@n"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The note a pointer calls, when it is the note's first call (context: ref/ptr):
       the note's generate-id(), else empty. -->
  <xsl:template name="tx-call-note">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:for-each select="$tx-note-index">
      <xsl:value-of select="key('tx-note-call', $id)/@id"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A note's id (context: the note): xml:id, else a generated one. -->
  <xsl:template name="tx-note-id">
    <xsl:choose>
      <xsl:when test="normalize-space(@xml:id)"><xsl:value-of select="normalize-space(@xml:id)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('note-', generate-id())"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1" when the context note stands between blocks (a list of notes in back,
       a note as a div's child): it is shown where it is, as a block of its own,
       not as a bare marker there plus an entry at the end -->
  <xsl:template name="tx-note-standalone">
    <xsl:if test="parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3
                  or parent::tei:body or parent::tei:back or parent::tei:front
                  or parent::tei:listNote or parent::tei:noteGrp or parent::tei:person
                  or parent::tei:personGrp or parent::tei:place or parent::tei:org
                  or parent::tei:event or parent::tei:bibl[parent::tei:listBibl]">
      <xsl:variable name="called"><xsl:call-template name="tx-note-called"/></xsl:variable>
      <xsl:if test="not(string($called))">1</xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
