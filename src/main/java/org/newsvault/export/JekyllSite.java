package org.newsvault.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The smallest Jekyll site around an exported {@code _posts/}: a config, one layout, an index of the
 * newest posts. Article bodies are news HTML, which may hold {@code {{ }}} or {@code {% %}} by accident,
 * so Liquid is switched off for posts ({@code render_with_liquid: false}, Jekyll 4+); layouts still use it.
 */
final class JekyllSite {
    private JekyllSite() {}

    static final String CONFIG = """
        # Written by `newsvault export --format jekyll`. Build with `jekyll build` (Jekyll 4).
        title: newsvault archive
        timezone: UTC
        markdown: kramdown
        future: true
        permalink: /:year/:month/:day/:title.html
        defaults:
          - scope:
              path: ""
              type: posts
            values:
              layout: post
              render_with_liquid: false
        """;

    static final String LAYOUT = """
        <!DOCTYPE html>
        <html lang="zh">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{ page.title | escape }}</title>
        </head>
        <body>
        <p><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></p>
        <article>
        {{ content }}
        </article>
        </body>
        </html>
        """;

    static final String INDEX = """
        ---
        layout: null
        ---
        <!DOCTYPE html>
        <html lang="zh">
        <head><meta charset="utf-8"><title>{{ site.title | escape }}</title></head>
        <body>
        <h1>{{ site.title | escape }}</h1>
        <ul>
        {% for post in site.posts limit: 1000 %}<li>{{ post.date | date: "%Y-%m-%d" }} <a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>
        {% endfor %}</ul>
        </body>
        </html>
        """;

    static void write(Path out) throws IOException {
        OutputPaths.write(out.resolve("_config.yml"), CONFIG.getBytes(StandardCharsets.UTF_8));
        OutputPaths.write(out.resolve("_layouts").resolve("post.html"), LAYOUT.getBytes(StandardCharsets.UTF_8));
        OutputPaths.write(out.resolve("index.html"), INDEX.getBytes(StandardCharsets.UTF_8));
    }
}
