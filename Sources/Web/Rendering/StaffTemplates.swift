/// The signed-in pages' Mustache templates (see ``LayoutTemplates`` for why they are Swift strings).
enum StaffTemplates {
    static let outbox = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/workspace">{{#t}}Workspace{{/t}}</a></nav>
        <h1>{{#t}}Outbox of <bdi>{{organization}}</bdi>{{/t}}</h1>
        <p class="lead">{{#t}}Messages to participants: confirmations, invitations and their updates, reminders and \
        follow-ups.{{/t}} {{delivery}}</p>
        <p class="filters">{{#t}}Show:{{/t}} {{#filters}}{{#current}}<strong>{{label}}</strong>{{/current}}\
        {{^current}}<a href="{{href}}">{{label}}</a>{{/current}} {{/filters}}</p>
        {{#undeliverable}}<div class="alert" role="status"><p>{{#t}}Addresses that failed for good 3 times or more \
        (people {{undeliverable}}): check them with the people concerned.{{/t}}</p></div>{{/undeliverable}}
        {{^messages}}<p>{{#t}}No message.{{/t}}</p>{{/messages}}
        {{#hasMessages}}
        <table>
        <caption>{{#t}}Newest first (at most 200){{/t}}</caption>
        <thead><tr><th scope="col">{{#t}}ID{{/t}}</th><th scope="col">{{#t}}State{{/t}}</th>\
        <th scope="col">{{#t}}Kind{{/t}}</th><th scope="col">{{#t}}Person{{/t}}</th>\
        <th scope="col">{{#t}}Subject{{/t}}</th><th scope="col">{{#t}}Due (UTC){{/t}}</th>\
        <th scope="col">{{#t}}Attempts{{/t}}</th><th scope="col">{{#t}}Last error{{/t}}</th>\
        <th scope="col">{{#t}}Action{{/t}}</th></tr></thead>
        <tbody>
        {{#messages}}
        <tr><td>{{id}}</td><td>{{state}}</td><td>{{kind}}</td><td>{{person}}</td><td><bdi>{{subject}}</bdi></td>\
        <td>{{due}}</td><td>{{attempts}}</td><td>{{lastError}}</td><td>{{#action}}<form method="post" \
        action="{{formAction}}"><input type="hidden" name="form" value="{{token}}"><input type="hidden" name="id" \
        value="{{id}}"><input type="hidden" name="action" value="{{action}}"><button type="submit" \
        aria-label="{{actionAriaLabel}}">{{actionLabel}}</button></form>{{/action}}</td></tr>
        {{/messages}}
        </tbody>
        </table>
        {{/hasMessages}}

        """

    static let workspace = """
        <h1>{{#t}}Workspace{{/t}}</h1>
        <p class="lead">{{#t}}Signed in as {{role}}. These are the organizations you look after and what each has \
        enabled.{{/t}}</p>
        {{^organizations}}<p>{{#t}}There is no organization for this sign-in.{{/t}}</p>{{/organizations}}
        {{#organizations}}
        <section class="card" aria-labelledby="org-{{id}}">
        <h2 id="org-{{id}}"><bdi>{{name}}</bdi></h2>
        <p class="meta">{{kind}} · <bdi>{{timeZone}}</bdi></p>
        {{#hasPlugins}}
        <ul class="plugins">
        {{#plugins}}
        <li><span class="plugin">{{title}}</span> <code>{{id}}</code> {{version}} · {{state}}
        {{#canSwitch}}<form method="post" action="{{action}}" class="switch"><input type="hidden" name="form" \
        value="{{token}}"><input type="hidden" name="enabled" value="{{next}}"><button type="submit" \
        aria-label="{{buttonLabel}}">{{button}}</button></form>{{/canSwitch}}\
        {{#settings}} <a href="{{settings}}" aria-label="{{#t}}Settings of {{title}} for {{name}}{{/t}}">\
        {{#t}}settings{{/t}}</a>{{/settings}}
        {{#hasEntries}}<ul>{{#entries}}<li><a href="{{href}}">{{title}}</a></li>{{/entries}}</ul>{{/hasEntries}}
        </li>
        {{/plugins}}
        </ul>
        {{/hasPlugins}}
        {{^plugins}}<p>{{#t}}No plugin is installed.{{/t}}</p>{{/plugins}}
        {{#hasSeries}}
        <h3>{{#t}}Series reports{{/t}}</h3>
        <ul>{{#series}}<li><a href="{{href}}"><bdi>{{title}}</bdi></a> <span class="meta">{{status}}</span>\
        {{#manage}} · <a href="{{manage}}" aria-label="{{#t}}Manage the sessions of {{title}}{{/t}}">\
        {{#t}}sessions{{/t}}</a>{{/manage}}\
        {{#edit}} · <a href="{{edit}}" aria-label="{{#t}}Edit {{title}}{{/t}}">{{#t}}edit{{/t}}</a> · \
        <a href="{{quotes}}" aria-label="{{#t}}Quotes about {{title}}{{/t}}">{{#t}}quotes{{/t}}</a> · \
        <a href="{{leaders}}" aria-label="{{#t}}Facilitators and guest speakers of {{title}}{{/t}}">\
        {{#t}}leaders{{/t}}</a>{{/edit}}\
         · <a href="{{enrolments}}" aria-label="{{#t}}Enrolments in {{title}}{{/t}}">{{#t}}enrolments{{/t}}</a></li>\
        {{/series}}</ul>
        {{/hasSeries}}
        {{#administers}}
        <h3>{{#t}}Programmes{{/t}}</h3>
        {{^programmes}}<p>{{#t}}No programme yet.{{/t}}</p>{{/programmes}}
        <ul>{{#programmes}}<li><a href="{{edit}}" aria-label="{{#t}}Edit the programme {{title}}{{/t}}">\
        <bdi>{{title}}</bdi></a> · <a href="{{newSeries}}" aria-label="{{#t}}Add a series to {{title}}{{/t}}">\
        {{#t}}add a series{{/t}}</a></li>{{/programmes}}</ul>
        <p class="actions"><a href="{{newProgramme}}">{{#t}}New programme{{/t}}</a> \
        <a href="{{newPerson}}">{{#t}}Add a person{{/t}}</a> \
        <a href="{{outbox}}" aria-label="{{#t}}Outgoing messages of {{name}}{{/t}}">{{#t}}Outbox{{/t}}</a> \
        <a href="/workspace/orgs/{{id}}/audit" aria-label="{{#t}}Audit log of {{name}}{{/t}}">{{#t}}Audit log{{/t}}</a> \
        <a href="{{people}}" aria-label="{{#t}}People of {{name}}{{/t}}">{{#t}}People{{/t}}</a> \
        <a href="{{editOrganization}}" aria-label="{{#t}}Edit {{name}}{{/t}}">{{#t}}Edit the organization{{/t}}</a>\
        {{#newMember}} <a href="{{newMember}}" aria-label="{{#t}}Add a member organization to {{name}}{{/t}}">\
        {{#t}}Add a member organization{{/t}}</a>{{/newMember}}</p>
        {{/administers}}
        </section>
        {{/organizations}}

        """

    static let manage = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/workspace">{{#t}}Workspace{{/t}}</a> · \
        <a href="/series/{{seriesId}}">{{#t}}Public page{{/t}}</a> · <a href="/manage/series/{{seriesId}}/leaders">\
        {{#t}}Facilitators and guest speakers{{/t}}</a> · <a href="/manage/series/{{seriesId}}/clone">\
        {{#t}}Run it again{{/t}}</a></nav>
        <h1>{{#t}}Sessions of <bdi>{{title}}</bdi>{{/t}}</h1>
        <p class="lead">{{#t}}Dates and times are in <strong>{{zone}}</strong>, the series' time zone. Calendar feeds \
        follow every change.{{/t}}</p>
        <h2 id="sessions">{{#t}}Sessions{{/t}}</h2>
        <ol class="cards">
        {{#sessions}}
        <li class="card" id="session-{{id}}">
        <h3><bdi>{{title}}</bdi></h3>
        <p class="meta">{{when}} · {{status}}</p>
        {{#error}}<p class="error" id="error-{{id}}" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{action}}/reschedule" class="times">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field"><label for="start-date-{{id}}">{{#t}}Starts on{{/t}}</label><input id="start-date-{{id}}" \
        name="startDate" type="date" required value="{{times.startDate}}"></div>
        <div class="field"><label for="start-time-{{id}}">{{#t}}Start time{{/t}}</label><input \
        id="start-time-{{id}}" name="startTime" type="time" required value="{{times.startTime}}"></div>
        <div class="field"><label for="end-date-{{id}}">{{#t}}Ends on{{/t}}</label><input id="end-date-{{id}}" \
        name="endDate" type="date" required value="{{times.endDate}}"></div>
        <div class="field"><label for="end-time-{{id}}">{{#t}}End time{{/t}}</label><input id="end-time-{{id}}" \
        name="endTime" type="time" required value="{{times.endTime}}"></div>
        <button type="submit" aria-label="{{#t}}Reschedule {{title}}{{/t}}">{{#t}}Reschedule{{/t}}</button>
        </form>
        {{^cancelled}}<form method="post" action="{{action}}/cancel"><input type="hidden" name="form" \
        value="{{token}}"><button type="submit" class="secondary" aria-label="{{#t}}Cancel {{title}}{{/t}}">\
        {{#t}}Cancel this session{{/t}}</button></form>{{/cancelled}}
        <form method="post" action="{{action}}/describe" class="describe">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field wide"><label for="description-{{id}}">{{#t}}Description (Markdown or plain text){{/t}}\
        </label><textarea id="description-{{id}}" name="description" rows="4" maxlength="4000">{{description}}\
        </textarea></div>
        <button type="submit" aria-label="{{#t}}Save the description of {{title}}{{/t}}">\
        {{#t}}Save the description{{/t}}</button>
        </form>
        </li>
        {{/sessions}}
        </ol>
        <h2 id="add">{{#t}}Add a session{{/t}}</h2>
        {{#add.error}}<p class="error" id="error-new" role="alert">{{add.error}}</p>{{/add.error}}
        <form method="post" action="/manage/series/{{seriesId}}/sessions" class="times">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field wide"><label for="new-title">{{#t}}Title{{/t}}</label><input id="new-title" name="title" \
        type="text" maxlength="200" required value="{{add.title}}"></div>
        <div class="field wide"><label for="new-kind">{{#t}}Kind{{/t}}</label><select id="new-kind" name="kind">\
        {{#add.kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/add.kinds}}\
        </select></div>
        <div class="field"><label for="new-start-date">{{#t}}Starts on{{/t}}</label><input id="new-start-date" \
        name="startDate" type="date" required value="{{add.times.startDate}}"></div>
        <div class="field"><label for="new-start-time">{{#t}}Start time{{/t}}</label><input id="new-start-time" \
        name="startTime" type="time" required value="{{add.times.startTime}}"></div>
        <div class="field"><label for="new-end-date">{{#t}}Ends on{{/t}}</label><input id="new-end-date" \
        name="endDate" type="date" value="{{add.times.endDate}}"></div>
        <div class="field"><label for="new-end-time">{{#t}}End time{{/t}}</label><input id="new-end-time" \
        name="endTime" type="time" required value="{{add.times.endTime}}"></div>
        <div class="field wide"><label for="new-description">{{#t}}Description (optional; Markdown or plain \
        text){{/t}}</label><textarea id="new-description" name="description" rows="4" maxlength="4000">\
        {{add.description}}</textarea></div>
        <button type="submit">{{#t}}Add the session{{/t}}</button>
        </form>

        """
}
