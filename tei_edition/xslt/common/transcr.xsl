<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcription helpers shared by the html, text and markdown exporters (named
  templates only): words broken across lines, gaps, glyphs, witness sigla.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:variable name="tx-WS" select="'&#9;&#10;&#13; '"/>

  <!-- Documents tei-edition made say so in appInfo. In them an lb with no space
       around it is a line end between two words (the converter writes
       "end.<lb/>Next"); in other editions it is inside a word. -->
  <xsl:variable name="tx-ours"
      select="boolean(/*/tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@ident = 'tei-edition'])"/>

  <!-- "1" when the context lb/pb/cb breaks a word: @break="no", EEBO-TCP's
       @type="hyphenInWord" or @rend="hidden", or (not in our own documents) an lb
       with a letter or digit right before and right after it. -->
  <xsl:template name="tx-joins">
    <xsl:choose>
      <xsl:when test="@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden'">1</xsl:when>
      <xsl:when test="@break or $tx-ours or not(self::tei:lb)"/>
      <xsl:otherwise>
        <xsl:variable name="p" select="preceding-sibling::node()[1][self::text()]"/>
        <xsl:variable name="f" select="following-sibling::node()[1][self::text()]"/>
        <xsl:if test="$p and $f
                      and not(contains($tx-WS, substring($p, string-length($p))))
                      and not(contains($tx-WS, substring($f, 1, 1)))">1</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1" when the context node is a word-breaking lb/pb/cb by its attributes -->
  <xsl:template name="tx-is-break-no">
    <xsl:param name="n" select="."/>
    <xsl:if test="$n[self::tei:lb or self::tei:pb or self::tei:cb]
                  [@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden']">1</xsl:if>
  </xsl:template>

  <!-- A text node's value (context: the text node), with the whitespace next to a
       word-breaking lb/pb/cb removed, so "Reli<lb break='no'/>\n   gion" reads
       "Religion". Only the adjacent text nodes are looked at: cheap. -->
  <xsl:template name="tx-text">
    <xsl:variable name="p" select="preceding-sibling::node()[1]"/>
    <xsl:variable name="f" select="following-sibling::node()[1]"/>
    <xsl:variable name="jp" select="$p[self::tei:lb or self::tei:pb or self::tei:cb]
                                    [@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden']"/>
    <xsl:variable name="jf" select="$f[self::tei:lb or self::tei:pb or self::tei:cb]
                                    [@break = 'no' or @type = 'hyphenInWord' or @rend = 'hidden']"/>
    <xsl:choose>
      <xsl:when test="not($jp or $jf)"><xsl:value-of select="."/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="left">
          <xsl:choose>
            <xsl:when test="$jp and normalize-space()">
              <xsl:value-of select="substring(., string-length(substring-before(., substring(normalize-space(), 1, 1))) + 1)"/>
            </xsl:when>
            <xsl:when test="$jp"/>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$jf">
            <xsl:call-template name="tx-rtrim"><xsl:with-param name="s" select="string($left)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$left"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $s without trailing whitespace (one call per trailing space: a few) -->
  <xsl:template name="tx-rtrim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s != '' and contains($tx-WS, substring($s, string-length($s)))">
        <xsl:call-template name="tx-rtrim">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A gap as text (context: gap), e.g. "[3 lines illegible]", "[…]":
       extent or quantity + unit (or atLeast–atMost), then reason or desc. -->
  <xsl:template name="tx-gap-text">
    <xsl:variable name="unit" select="normalize-space(@unit)"/>
    <xsl:variable name="plural"
        select="$unit != '' and contains(' line character char word page letter leaf column folio ',
                concat(' ', $unit, ' ')) and not(normalize-space(@quantity) = '1')"/>
    <xsl:variable name="size">
      <xsl:choose>
        <xsl:when test="normalize-space(@extent)"><xsl:value-of select="normalize-space(@extent)"/></xsl:when>
        <xsl:when test="normalize-space(@quantity)">
          <xsl:value-of select="normalize-space(concat(@quantity, ' ', $unit, substring('s', 1, $plural)))"/>
        </xsl:when>
        <xsl:when test="normalize-space(@atLeast) or normalize-space(@atMost)">
          <xsl:value-of select="normalize-space(concat(@atLeast, '–', @atMost, ' ', $unit, substring('s', 1, $plural)))"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="why">
      <xsl:choose>
        <xsl:when test="normalize-space(tei:desc)"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(@reason)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="all" select="normalize-space(concat($size, ' ', $why))"/>
    <xsl:value-of select="$gap-open"/>
    <xsl:choose>
      <xsl:when test="$all != ''"><xsl:value-of select="$all"/></xsl:when>
      <xsl:otherwise>…</xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$gap-close"/>
  </xsl:template>

  <!-- A glyph with no content (context: g): its @ref's char/glyph mapping (the
       standard one first), else its name. -->
  <xsl:template name="tx-g-mapping">
    <xsl:variable name="def" select="key('tx-ids', substring(normalize-space(@ref), 2))[1]"/>
    <xsl:choose>
      <xsl:when test="$def/tei:mapping[@type = 'standard']">
        <xsl:value-of select="$def/tei:mapping[@type = 'standard'][1]"/>
      </xsl:when>
      <xsl:when test="$def/tei:mapping"><xsl:value-of select="$def/tei:mapping[1]"/></xsl:when>
      <xsl:when test="$def/tei:charName | $def/tei:glyphName">
        <xsl:value-of select="normalize-space(($def/tei:charName | $def/tei:glyphName)[1])"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Witness sigla of $wit ("#A #B" or "A B"), space-separated: each witness's @n
       when it has one (listWit/witness), else its id. -->
  <xsl:template name="tx-sigla">
    <xsl:param name="wit" select="normalize-space(@wit)"/>
    <xsl:if test="$wit != ''">
      <xsl:variable name="tok" select="substring-before(concat($wit, ' '), ' ')"/>
      <xsl:variable name="id" select="substring($tok, 1 + starts-with($tok, '#'))"/>
      <xsl:variable name="w" select="key('tx-ids', $id)[1]"/>
      <xsl:choose>
        <xsl:when test="normalize-space($w/@n)"><xsl:value-of select="normalize-space($w/@n)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="contains($wit, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="tx-sigla">
          <xsl:with-param name="wit" select="substring-after($wit, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
