<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers (listPerson, listPlace, listOrg, listEvent, listBibl in back or
  standOff): one entry per person / place / org / event / bibliographic record,
  as a definition list of its parts (names, dates, places, idno as links), not
  run-on text. A bibl with running text of its own stays one paragraph.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl
                       | tei:listNym | tei:listObject">
    <xsl:call-template name="html-block">
      <xsl:with-param name="block-name" select="'section'"/>
      <xsl:with-param name="class" select="normalize-space(concat('register ', local-name(), ' ', @type))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event | tei:nym | tei:object
                       | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct | tei:listBibl/tei:biblFull">
    <xsl:variable name="inline"><xsl:call-template name="html-in-phrasing"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($inline) or text()[normalize-space()]">
        <xsl:call-template name="html-block">
          <xsl:with-param name="block-name" select="'p'"/>
          <xsl:with-param name="class" select="concat('entry ', local-name())"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div class="entry {local-name()}">
          <xsl:call-template name="html-atts"/>
          <dl>
            <xsl:for-each select="@role | @sex | @type">
              <dt><xsl:value-of select="local-name()"/></dt>
              <dd><xsl:value-of select="."/></dd>
            </xsl:for-each>
            <xsl:for-each select="*">
              <dt><xsl:call-template name="html-entry-label"/></dt>
              <dd class="{local-name()}">
                <xsl:call-template name="html-atts"/>
                <xsl:apply-templates select="." mode="html-entry"/>
              </dd>
            </xsl:for-each>
          </dl>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the row label of an entry's part -->
  <xsl:template name="html-entry-label">
    <xsl:variable name="n" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="$n = 'persName' or $n = 'placeName' or $n = 'orgName' or $n = 'name'
                      or $n = 'title' or $n = 'objectName'">Name</xsl:when>
      <xsl:when test="$n = 'birth'">Born</xsl:when>
      <xsl:when test="$n = 'death'">Died</xsl:when>
      <xsl:when test="$n = 'floruit'">Active</xsl:when>
      <xsl:when test="$n = 'idno'">
        <xsl:value-of select="normalize-space(concat('ID ', @type))"/>
      </xsl:when>
      <xsl:when test="$n = 'note' or $n = 'desc'">Note</xsl:when>
      <xsl:otherwise>
        <!-- occupation -> Occupation -->
        <xsl:value-of select="concat(translate(substring($n, 1, 1), 'abcdefghijklmnopqrstuvwxyz',
                              'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($n, 2))"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@type and $n != 'idno'">
      <xsl:value-of select="concat(' (', @type, ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- an entry's part: its content, dates from attributes when not written out -->
  <xsl:template match="*" mode="html-entry">
    <xsl:apply-templates/>
    <xsl:variable name="when" select="normalize-space(concat(@when, ' ', @from, substring('–', 1, boolean(@from and @to)), @to,
        @notBefore, substring('–', 1, boolean(@notBefore and @notAfter)), @notAfter))"/>
    <xsl:if test="$when != '' and not(.//tei:date) and not(contains(., $when))">
      <xsl:if test="normalize-space()"><xsl:text> </xsl:text></xsl:if>
      <time class="when"><xsl:value-of select="$when"/></time>
    </xsl:if>
    <xsl:if test="self::tei:sex and not(normalize-space()) and @value">
      <xsl:value-of select="@value"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="html-entry">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- an identifier that is a URL is a link -->
  <xsl:template match="tei:idno" mode="html-entry">
    <xsl:variable name="url" select="normalize-space()"/>
    <xsl:choose>
      <xsl:when test="starts-with($url, 'http://') or starts-with($url, 'https://')">
        <a class="idno" href="{$url}"><xsl:value-of select="$url"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- idno elsewhere in the text (a URL is a link) -->
  <xsl:template match="tei:idno[starts-with(normalize-space(), 'http://') or starts-with(normalize-space(), 'https://')]">
    <xsl:variable name="in-link"><xsl:call-template name="html-in-link"/></xsl:variable>
    <xsl:call-template name="tx-sep"/>
    <xsl:choose>
      <xsl:when test="string($in-link)"><span class="idno"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><a class="idno" href="{normalize-space()}"><xsl:apply-templates/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
