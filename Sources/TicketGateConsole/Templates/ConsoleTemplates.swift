import Mustache

/// The console's Mustache templates, compiled into the binary so a deployment is the executable alone. Each
/// page extends `layout`, filling its `content` block. A value is only ever written as `{{name}}`, escaped;
/// `ConsoleTemplateTests` holds every template to that.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "message": message, "overview": overview, "events": events, "event": event,
        "dead-letters": deadLetters, "confirm": confirm, "destinations": destinations, "rules": rules,
    ]

    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            try library.register(text, named: name)
        }
        return library
    }

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{frame.title}} · ticketgate</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        <script src="/console/assets/console.js" defer></script>
        </head>
        <body>
        {{#frame}}
        <header class="top">
          <a class="brand" href="/console">ticketgate</a>
          <nav>{{#links}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/links}}</nav>
          <form method="post" action="/console/logout" class="signout">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main>
        {{#refresh}}<label class="refresh"><input type="checkbox" id="auto-refresh" data-seconds="{{.}}"> Refresh every {{.}} s</label>{{/refresh}}
        <h1>{{title}}</h1>
        {{#notice}}<p class="notice" role="status">{{.}}</p>{{/notice}}
        {{/frame}}
        {{$content}}{{/content}}
        </main>
        </body>
        </html>
        """

    static let login = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · ticketgate</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        </head>
        <body class="signin">
        <main>
        <h1>ticketgate console</h1>
        {{#error}}<p class="error" role="alert">{{.}}</p>{{/error}}
        <form method="post" action="/console/login">
          <input type="hidden" name="next" value="{{next}}">
          <label for="token">Admin token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
          <button type="submit">Sign in</button>
        </form>
        <p class="hint">The token is the gateway's <code>TICKETGATE_ADMIN_TOKEN</code>.</p>
        </main>
        </body>
        </html>
        """

    static let message = """
        {{<layout}}{{$content}}
        <p class="{{kind}}">{{text}}</p>
        {{#back}}<p><a href="{{.}}">Back</a></p>{{/back}}
        {{/content}}{{/layout}}
        """

    static let confirm = """
        {{<layout}}{{$content}}
        <p>{{question}}</p>
        <form method="post" action="{{action}}">
          <input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}">
          <input type="hidden" name="confirmed" value="{{count}}">
          <button type="submit" class="danger">{{button}}</button>
          <a href="{{back}}">Cancel</a>
        </form>
        {{/content}}{{/layout}}
        """
}
