<?xml version="1.0" encoding="utf-8"?>
<!-- Shows a JET Portal Atom feed as a readable page when someone opens it in a browser.
     Feed readers ignore this file. The page explains, in both languages (the feed's own
     language first), what a feed is and how to subscribe. No inline style or script: the
     site's Content-Security-Policy applies to the result too. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:page="urn:x-jetportal:feed-page"
  exclude-result-prefixes="atom page">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/atom:feed/@xml:lang = 'ja'">ja</xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="site" select="/atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/atom:feed">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="{page:stylesheet/@href}"/>
      </head>
      <body>
        <header class="feed-header">
          <p class="feed-header__brand">
            <xsl:choose>
              <xsl:when test="$lang = 'ja'">JETプログラム</xsl:when>
              <xsl:otherwise>The JET Programme</xsl:otherwise>
            </xsl:choose>
          </p>
        </header>
        <main class="feed-main">
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="feed-about" aria-labelledby="feed-about-heading">
            <xsl:choose>
              <xsl:when test="$lang = 'ja'">
                <h2 id="feed-about-heading">フィードとは <span lang="en">(What is a feed?)</span></h2>
                <xsl:call-template name="about-ja"/>
                <xsl:call-template name="about-en"/>
              </xsl:when>
              <xsl:otherwise>
                <h2 id="feed-about-heading">What is a feed? <span lang="ja">（フィードとは）</span></h2>
                <xsl:call-template name="about-en"/>
                <xsl:call-template name="about-ja"/>
              </xsl:otherwise>
            </xsl:choose>
            <p class="feed-about__address"><code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
          </section>
          <h2>
            <xsl:choose>
              <xsl:when test="$lang = 'ja'">このフィードの最新情報</xsl:when>
              <xsl:otherwise>The updates in this feed</xsl:otherwise>
            </xsl:choose>
          </h2>
          <ol class="feed-entries">
            <xsl:apply-templates select="atom:entry"/>
          </ol>
          <p class="feed-back">
            <a href="{$site}">
              <xsl:choose>
                <xsl:when test="$lang = 'ja'">ウェブサイトで最新情報を見る</xsl:when>
                <xsl:otherwise>Read the updates on the website</xsl:otherwise>
              </xsl:choose>
            </a>
          </p>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="about-en">
    <div lang="en" class="feed-about__text">
      <p>This is an Atom feed: the latest updates in a form that feed readers understand. Add the address below to a feed reader (many e-mail programs can read feeds too) and it tells you when CLAIR publishes a new update.</p>
      <p>You do not need a feed to read the updates: they are all on the website.</p>
    </div>
  </xsl:template>

  <xsl:template name="about-ja">
    <div lang="ja" class="feed-about__text">
      <p>このページは、最新情報をフィードリーダーで受け取るためのAtomフィードです。下のアドレスをフィードリーダー（フィードを読めるメールソフトもあります）に登録すると、クレアが新しい情報を掲載したときにお知らせが届きます。</p>
      <p>フィードを使わなくても、最新情報はすべてウェブサイトでご覧いただけます。</p>
    </div>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="feed-entry">
      <h3 class="feed-entry__title"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="feed-entry__date"><time datetime="{substring(atom:published, 1, 10)}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></p>
      <p class="feed-entry__summary"><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
