<?xml version="1.0" encoding="UTF-8"?>
<!--
  The one parameter file of the exporters (html, text, markdown): every
  xsl:param an edition may set, with its default. Entry stylesheets include it;
  nothing else declares parameters, so there is no import precedence to untangle.
  Pass them as strings (tei_edition.export.transform(tree, fmt, name=value)).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- page / text language when the TEI declares none; empty: no lang attribute
       (a guessed "en" on a German text is worse than none) -->
  <xsl:param name="default-lang" select="''"/>
  <xsl:param name="notes-heading" select="'Notes'"/>
  <xsl:param name="apparatus-heading" select="'Apparatus'"/>
  <!-- "no": the text export starts with the text, without title/author/… lines -->
  <xsl:param name="header" select="'yes'"/>

  <!-- HTML only -->
  <xsl:param name="register-href" select="'register.html'"/>
  <xsl:param name="css" select="''"/>
  <xsl:param name="index-href" select="''"/>
  <!-- Edition pages (set by `tei-edition build`, empty for a standalone page; the
       site-wide ones, assets and navigation, are in html/site.xsl): the documents
       before and after this one by date, the TEI file, this page's file name (for
       the citation), and the register's tooltip for each entry as lines
       "ID<TAB>text" (names link to the register with that text as their title). -->
  <xsl:param name="prev-href" select="''"/>
  <xsl:param name="prev-title" select="''"/>
  <xsl:param name="next-href" select="''"/>
  <xsl:param name="next-title" select="''"/>
  <xsl:param name="tei-href" select="''"/>
  <xsl:param name="page-href" select="''"/>
  <xsl:param name="name-titles" select="''"/>
  <!-- a verse line number is shown on every line whose @n is a multiple of this -->
  <xsl:param name="line-number-every" select="'5'"/>

  <!-- Editorial signs written into the text itself (so copy and paste keeps them),
       Leiden-style by default. An edition with other conventions sets these. -->
  <xsl:param name="supplied-open" select="'['"/>
  <xsl:param name="supplied-close" select="']'"/>
  <xsl:param name="unclear-open" select="''"/>
  <xsl:param name="unclear-close" select="'(?)'"/>
  <xsl:param name="del-open" select="'⟦'"/>
  <xsl:param name="del-close" select="'⟧'"/>
  <xsl:param name="add-open" select="'\'"/>
  <xsl:param name="add-close" select="'/'"/>
  <xsl:param name="ex-open" select="'('"/>
  <xsl:param name="ex-close" select="')'"/>
  <xsl:param name="gap-open" select="'['"/>
  <xsl:param name="gap-close" select="']'"/>
  <!-- the apparatus word for a reading that omits the lemma -->
  <xsl:param name="omitted" select="'om.'"/>

</xsl:stylesheet>
