/// The audit page's Mustache template (see ``LayoutTemplates`` for why templates are Swift strings).
enum AuditTemplates {
    static let audit = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/workspace">Workspace</a></nav>
        <h1>Audit log of {{organization}}</h1>
        <p class="lead">Every change made to this organization's data, newest first: who made it, what it was and \
        what it was about (by id). Times are UTC.</p>
        <form method="get" action="{{path}}" class="filters" aria-label="Filter the audit log">
        <div class="field"><label for="audit-actor">Who</label><select id="audit-actor" name="actor">\
        {{#actors}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/actors}}\
        </select></div>
        <div class="field"><label for="audit-action">What</label><select id="audit-action" name="action">\
        {{#actions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/actions}}\
        </select></div>
        <div class="field"><label for="audit-since">From (day)</label><input id="audit-since" name="since" \
        type="date" value="{{since}}"></div>
        <div class="field"><label for="audit-until">To (day, included)</label><input id="audit-until" name="until" \
        type="date" value="{{until}}"></div>
        <div class="field"><label for="audit-subject">About (kind:id)</label><input id="audit-subject" \
        name="subject" type="text" placeholder="person:12" value="{{subject}}"></div>
        <button type="submit">Show</button> <a href="{{path}}">Clear filters</a>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{^hasLines}}<p>No change matches.</p>{{/hasLines}}
        {{#hasLines}}
        <div class="scroll"><table id="audit-lines" class="list">
        <caption>Changes, newest first</caption>
        <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th>\
        <th scope="col">About</th><th scope="col">Detail</th></tr></thead>
        <tbody>
        {{#lines}}
        <tr id="audit-{{id}}"><td>{{when}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{subject}}</td>\
        <td><code>{{detail}}</code></td></tr>
        {{/lines}}
        </tbody>
        </table></div>
        {{/hasLines}}
        <p class="pages">{{#newest}}<a href="{{newest}}">Newest changes</a> {{/newest}}\
        {{#older}}<a href="{{older}}" rel="next">Older changes</a>{{/older}}</p>

        """
}
