/// The signed-in pages' Mustache templates (see ``LayoutTemplates`` for why they are Swift strings).
enum StaffTemplates {
    static let workspace = """
        <h1>Workspace</h1>
        <p class="lead">Signed in as {{role}}. These are the organizations you look after and what each has enabled.</p>
        {{^organizations}}<p>There is no organization for this sign-in.</p>{{/organizations}}
        {{#organizations}}
        <section class="card" aria-labelledby="org-{{id}}">
        <h2 id="org-{{id}}">{{name}}</h2>
        <p class="meta">{{kind}} · {{timeZone}}</p>
        {{#hasPlugins}}
        <ul class="plugins">
        {{#plugins}}
        <li><span class="plugin">{{id}}</span> {{version}} · {{state}}
        {{#canSwitch}}<form method="post" action="{{action}}" class="switch"><input type="hidden" name="form" \
        value="{{token}}"><input type="hidden" name="enabled" value="{{next}}"><button type="submit" \
        aria-label="{{buttonLabel}}">{{button}}</button></form>{{/canSwitch}}
        {{#hasEntries}}<ul>{{#entries}}<li><a href="{{href}}">{{title}}</a></li>{{/entries}}</ul>{{/hasEntries}}
        </li>
        {{/plugins}}
        </ul>
        {{/hasPlugins}}
        {{^plugins}}<p>No plugin is installed.</p>{{/plugins}}
        {{#hasSeries}}
        <h3>Series reports</h3>
        <ul>{{#series}}<li><a href="{{href}}">{{title}}</a> <span class="meta">({{status}})</span></li>{{/series}}</ul>
        {{/hasSeries}}
        </section>
        {{/organizations}}

        """
}
