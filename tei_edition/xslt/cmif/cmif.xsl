<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letters' correspDesc -> a CMIF file (Correspondence Metadata Interchange Format,
  TEI Correspondence SIG; what correspSearch harvests). docs/data-exports.md.

  Input (written by tei_edition/export/data.py; @ref already an authority URI):
    <cmif title="…" publisher="…" [publisher-url="…"] url="…" updated="xsd:dateTime"
          bibl-id="bibl-UUID" bibl-type="online">
      <editor>Name</editor>…
      <bibl>Full bibliographic statement</bibl>
      <letter key="NAME" [ref="URL of the letter"]>
        <tei:correspAction type="sent|received|…"> persName orgName placeName date … </tei:correspAction>…
      </letter>…
    </cmif>
  Output: one TEI document, one correspDesc per letter, restricted to what CMIF
  allows: correspAction of type sent and received only, both present (an unknown
  correspondent is the persName "Unknown", as the CMIF documentation asks), holding
  only persName, orgName, placeName and date; a name's @ref only when it is a URI;
  dates only with @when/@from/@to/@notBefore/@notAfter in YYYY, YYYY-MM or YYYY-MM-DD.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.tei-c.org/ns/1.0" xmlns:t="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="t">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>

  <xsl:template match="/">
    <xsl:apply-templates select="cmif"/>
  </xsl:template>

  <xsl:template match="cmif">
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title><xsl:value-of select="@title"/></title>
            <xsl:for-each select="editor">
              <editor><xsl:value-of select="."/></editor>
            </xsl:for-each>
          </titleStmt>
          <publicationStmt>
            <publisher>
              <xsl:choose>
                <xsl:when test="@publisher-url">
                  <ref target="{@publisher-url}"><xsl:value-of select="@publisher"/></ref>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="@publisher"/></xsl:otherwise>
              </xsl:choose>
            </publisher>
            <idno type="url"><xsl:value-of select="@url"/></idno>
            <date when="{@updated}"/>
            <availability>
              <licence target="https://creativecommons.org/licenses/by/4.0/">This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0</licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="{@bibl-type}">
              <xsl:attribute name="xml:id"><xsl:value-of select="@bibl-id"/></xsl:attribute>
              <xsl:value-of select="bibl"/>
            </bibl>
          </sourceDesc>
        </fileDesc>
        <profileDesc>
          <xsl:apply-templates select="letter"/>
        </profileDesc>
      </teiHeader>
      <text>
        <body>
          <p/>
        </body>
      </text>
    </TEI>
  </xsl:template>

  <xsl:template match="letter">
    <correspDesc key="{@key}" source="#{/cmif/@bibl-id}">
      <xsl:if test="@ref">
        <xsl:attribute name="ref"><xsl:value-of select="@ref"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="action">
        <xsl:with-param name="type" select="'sent'"/>
        <xsl:with-param name="role" select="'sender'"/>
      </xsl:call-template>
      <xsl:call-template name="action">
        <xsl:with-param name="type" select="'received'"/>
        <xsl:with-param name="role" select="'addressee'"/>
      </xsl:call-template>
    </correspDesc>
  </xsl:template>

  <!-- One correspAction of a type, merging repeated ones; both types are required.
       A name typed sender or addressee goes where its type says, whichever action
       holds it (some editions put both correspondents in the sent action). -->
  <xsl:template name="action">
    <xsl:param name="type"/>
    <xsl:param name="role"/>
    <xsl:variable name="actions" select="t:correspAction[@type = $type]"/>
    <xsl:variable name="names" select="t:correspAction/*[self::t:persName or self::t:orgName]
        [@type = $role or (../@type = $type and not(@type = 'sender' or @type = 'addressee'))]"/>
    <correspAction type="{$type}">
      <xsl:apply-templates select="$names"/>
      <xsl:if test="not($names[normalize-space()])">
        <persName>Unknown</persName>
      </xsl:if>
      <xsl:apply-templates select="($actions/t:placeName[normalize-space()])[1]"/>
      <xsl:apply-templates select="($actions/t:date)[1]"/>
    </correspAction>
  </xsl:template>

  <xsl:template match="t:persName | t:orgName | t:placeName">
    <xsl:if test="normalize-space()">
      <xsl:element name="{local-name()}">
        <xsl:if test="contains(@ref, '://')">
          <xsl:attribute name="ref"><xsl:value-of select="@ref"/></xsl:attribute>
        </xsl:if>
        <xsl:value-of select="normalize-space()"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="t:date">
    <xsl:variable name="dated" select="@when | @from | @to | @notBefore | @notAfter"/>
    <xsl:variable name="usable">
      <xsl:for-each select="$dated">
        <xsl:call-template name="iso-date"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="contains($usable, 'y')">
      <date>
        <xsl:for-each select="$dated">
          <xsl:variable name="ok"><xsl:call-template name="iso-date"/></xsl:variable>
          <xsl:if test="$ok = 'y'">
            <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
          </xsl:if>
        </xsl:for-each>
      </date>
    </xsl:if>
  </xsl:template>

  <!-- 'y' when the context attribute is YYYY, YYYY-MM or YYYY-MM-DD (all CMIF takes). -->
  <xsl:template name="iso-date">
    <xsl:variable name="shape" select="translate(., '0123456789', '9999999999')"/>
    <xsl:if test="$shape = '9999' or $shape = '9999-99' or $shape = '9999-99-99'">y</xsl:if>
  </xsl:template>

</xsl:stylesheet>
