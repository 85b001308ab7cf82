/// The audit page's Mustache template (see ``LayoutTemplates`` for why templates are Swift strings).
enum AuditTemplates {
    static let audit = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/workspace">{{#t}}Workspace{{/t}}</a></nav>
        <h1>{{#t}}Audit log of <bdi>{{organization}}</bdi>{{/t}}</h1>
        <p class="lead">{{#t}}Every change made to this organization's data, newest first: who made it, what it was and \
        what it was about (by id). Times are UTC.{{/t}}</p>
        <form method="get" action="{{path}}" class="filters" aria-label="{{#t}}Filter the audit log{{/t}}">
        <div class="field"><label for="audit-actor">{{#t}}Who{{/t}}</label><select id="audit-actor" name="actor">\
        {{#actors}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/actors}}\
        </select></div>
        <div class="field"><label for="audit-action">{{#t}}What{{/t}}</label><select id="audit-action" name="action">\
        {{#actions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/actions}}\
        </select></div>
        <div class="field"><label for="audit-since">{{#t}}From (day){{/t}}</label><input id="audit-since" name="since" \
        type="date" value="{{since}}"></div>
        <div class="field"><label for="audit-until">{{#t}}To (day, included){{/t}}</label><input id="audit-until" \
        name="until" type="date" value="{{until}}"></div>
        <div class="field"><label for="audit-subject">{{#t}}About (kind:id){{/t}}</label><input id="audit-subject" \
        name="subject" type="text" dir="ltr" placeholder="person:12" value="{{subject}}"></div>
        <button type="submit">{{#t}}Show{{/t}}</button> <a href="{{path}}">{{#t}}Clear filters{{/t}}</a>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{^hasLines}}<p>{{#t}}No change matches.{{/t}}</p>{{/hasLines}}
        {{#hasLines}}
        <div class="scroll"><table id="audit-lines" class="list">
        <caption>{{#t}}Changes, newest first{{/t}}</caption>
        <thead><tr><th scope="col">{{#t}}When (UTC){{/t}}</th><th scope="col">{{#t}}Who{{/t}}</th>\
        <th scope="col">{{#t}}What{{/t}}</th><th scope="col">{{#t}}About{{/t}}</th>\
        <th scope="col">{{#t}}Detail{{/t}}</th></tr></thead>
        <tbody>
        {{#lines}}
        <tr id="audit-{{id}}"><td>{{when}}</td><td>{{actor}}</td><td>{{action}}</td><td dir="ltr">{{subject}}</td>\
        <td><code dir="ltr">{{detail}}</code></td></tr>
        {{/lines}}
        </tbody>
        </table></div>
        {{/hasLines}}
        <p class="pages">{{#newest}}<a href="{{newest}}">{{#t}}Newest changes{{/t}}</a> {{/newest}}\
        {{#older}}<a href="{{older}}" rel="next">{{#t}}Older changes{{/t}}</a>{{/older}}</p>

        """
}
