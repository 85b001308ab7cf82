/// The shared page frame and the small pages (errors, sign-in), as Mustache templates compiled into the binary.
///
/// Templates live in Swift strings rather than a resources folder so that a deployed `indaba` binary needs no
/// `.resources` bundle beside it (SwiftPM's resource lookup falls back to the absolute build path).
enum LayoutTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}" dir="{{dir}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Indaba</title>
        <link rel="stylesheet" href="/static/indaba.css">
        </head>
        <body>
        <a class="skip" href="#main">{{#t}}Skip to main content{{/t}}</a>
        <header class="site">
        <a class="brand" href="/">Indaba</a>
        <nav aria-label="{{#t}}Site{{/t}}">
        <ul>
        <li><a href="/">{{#t}}Series{{/t}}</a></li>
        {{#signedIn}}
        <li><a href="/workspace">{{#t}}Workspace{{/t}}</a></li>
        <li><form method="post" action="/sign-out"><input type="hidden" name="form" value="{{signOutToken}}"><button \
        type="submit" class="link">{{#t}}Sign out{{/t}}</button></form></li>
        {{/signedIn}}
        </ul>
        </nav>
        <nav aria-label="{{#t}}Language{{/t}}" class="languages">
        <ul>
        {{#languages}}<li>{{#current}}<span lang="{{code}}" aria-current="true">{{name}}</span>{{/current}}\
        {{^current}}<a lang="{{code}}" hreflang="{{code}}" href="{{href}}">{{name}}</a>{{/current}}</li>{{/languages}}
        </ul>
        </nav>
        </header>
        <main id="main" tabindex="-1">
        {{{content}}}
        </main>
        <footer class="site">
        <p>{{#t}}Indaba: webinar series for networks of organizations. This site works without JavaScript.{{/t}}</p>
        </footer>
        {{#script}}<script src="{{script}}" defer></script>{{/script}}
        </body>
        </html>

        """

    static let message = """
        <h1>{{heading}}</h1>
        <p class="lead">{{message}}</p>
        {{#link}}<p><a href="{{href}}">{{text}}</a></p>{{/link}}

        """

    static let signIn = """
        <h1>{{#t}}Sign in{{/t}}</h1>
        {{#hasLink}}
        <p class="lead">{{#t}}You are about to sign in with a one-time link. It works once, for 15 minutes.{{/t}}</p>
        <form method="post" action="/sign-in">
        <input type="hidden" name="form" value="{{token}}">
        <input type="hidden" name="link" value="{{link}}">
        <button type="submit">{{#t}}Sign in{{/t}}</button>
        </form>
        {{/hasLink}}
        {{^hasLink}}
        <p class="lead">{{#t}}Staff sign in with a one-time link. Ask the person who runs this server for one; they create it
        with <code>indaba user login-link --org ORG --role ROLE</code>.{{/t}}</p>
        {{/hasLink}}

        """

    static let pluginPage = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs">{{#isPublic}}<a href="/">{{#t}}All series{{/t}}</a>{{/isPublic}}\
        {{^isPublic}}<a href="/workspace">{{#t}}Workspace{{/t}}</a>{{/isPublic}} · <bdi>{{organization}}</bdi></nav>
        <h1>{{title}}</h1>
        {{{body}}}

        """

    /// A participant's own page ("My Indaba"), or one a plugin adds to it.
    static let participantPage = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/">{{#t}}All series{{/t}}</a> · \
        <a href="/me">{{#t}}My Indaba{{/t}}</a></nav>
        <h1>{{title}}</h1>
        {{{body}}}

        """
}
