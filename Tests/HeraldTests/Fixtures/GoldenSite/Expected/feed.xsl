<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">
  <xsl:output method="html" version="5.0" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <xsl:variable name="description" select="atom:feed/atom:subtitle | rss/channel/description"/>
    <xsl:variable name="home" select="atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link"/>
    <xsl:variable name="self" select="atom:feed/atom:link[@rel='self']/@href | rss/channel/atom:link[@rel='self']/@href"/>
    <html>
      <xsl:attribute name="lang"><xsl:value-of select="atom:feed/@xml:lang | rss/channel/language"/></xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
          .about { background: #f4f1ea; border-radius: .5rem; padding: 1rem 1.25rem; }
          code { background: #fff; padding: .1rem .3rem; border-radius: .25rem; word-break: break-all; }
          ol { list-style: none; padding: 0; }
          li { margin: 1.25rem 0; }
          li a { font-weight: 600; font-size: 1.1rem; }
          time { display: block; color: #666; font-size: .9rem; }
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="$description"/></p>
        </header>
        <section class="about">
          <p><strong>This is a web feed.</strong> To follow this site, copy this address into your feed reader:</p>
          <p><code><xsl:value-of select="$self"/></code></p>
          <p>Or <a href="{$home}">visit the site</a>.</p>
        </section>
        <h2>Latest</h2>
        <ol>
          <xsl:for-each select="atom:feed/atom:entry">
            <li>
              <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
              <time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
            </li>
          </xsl:for-each>
          <xsl:for-each select="rss/channel/item">
            <li>
              <a href="{link}"><xsl:value-of select="title"/></a>
              <time><xsl:value-of select="pubDate"/></time>
            </li>
          </xsl:for-each>
        </ol>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
