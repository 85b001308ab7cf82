/// The signed-in pages' Mustache templates (see ``LayoutTemplates`` for why they are Swift strings).
enum StaffTemplates {
    static let outbox = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/workspace">Workspace</a></nav>
        <h1>Outbox of {{organization}}</h1>
        <p class="lead">Messages to participants: confirmations, invitations and their updates, reminders and \
        follow-ups. {{delivery}}</p>
        <p class="filters">Show: {{#filters}}{{#current}}<strong>{{label}}</strong>{{/current}}\
        {{^current}}<a href="{{href}}">{{label}}</a>{{/current}} {{/filters}}</p>
        {{#undeliverable}}<div class="alert" role="status"><p>Addresses that failed for good 3 times or more \
        (people {{undeliverable}}): check them with the people concerned.</p></div>{{/undeliverable}}
        {{^messages}}<p>No message.</p>{{/messages}}
        {{#hasMessages}}
        <table>
        <caption>Newest first (at most 200)</caption>
        <thead><tr><th scope="col">ID</th><th scope="col">State</th><th scope="col">Kind</th>\
        <th scope="col">Person</th><th scope="col">Subject</th><th scope="col">Due (UTC)</th>\
        <th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#messages}}
        <tr><td>{{id}}</td><td>{{state}}</td><td>{{kind}}</td><td>{{person}}</td><td>{{subject}}</td>\
        <td>{{due}}</td><td>{{attempts}}</td><td>{{lastError}}</td><td>{{#action}}<form method="post" \
        action="{{formAction}}"><input type="hidden" name="form" value="{{token}}"><input type="hidden" name="id" \
        value="{{id}}"><input type="hidden" name="action" value="{{action}}"><button type="submit" \
        aria-label="{{actionLabel}} message {{id}}">{{actionLabel}}</button></form>{{/action}}</td></tr>
        {{/messages}}
        </tbody>
        </table>
        {{/hasMessages}}

        """

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
        aria-label="{{buttonLabel}}">{{button}}</button></form>{{/canSwitch}}\
        {{#settings}} <a href="{{settings}}" aria-label="Settings of {{id}} for {{name}}">settings</a>{{/settings}}
        {{#hasEntries}}<ul>{{#entries}}<li><a href="{{href}}">{{title}}</a></li>{{/entries}}</ul>{{/hasEntries}}
        </li>
        {{/plugins}}
        </ul>
        {{/hasPlugins}}
        {{^plugins}}<p>No plugin is installed.</p>{{/plugins}}
        {{#hasSeries}}
        <h3>Series reports</h3>
        <ul>{{#series}}<li><a href="{{href}}">{{title}}</a> <span class="meta">({{status}})</span>\
        {{#manage}} · <a href="{{manage}}" aria-label="Manage the sessions of {{title}}">sessions</a>{{/manage}}\
        {{#edit}} · <a href="{{edit}}" aria-label="Edit {{title}}">edit</a> · <a href="{{quotes}}" \
        aria-label="Quotes about {{title}}">quotes</a> · <a href="{{leaders}}" aria-label="Facilitators and guest \
        speakers of {{title}}">leaders</a>{{/edit}}\
         · <a href="{{enrolments}}" aria-label="Enrolments in {{title}}">enrolments</a></li>{{/series}}</ul>
        {{/hasSeries}}
        {{#administers}}
        <h3>Programmes</h3>
        {{^programmes}}<p>No programme yet.</p>{{/programmes}}
        <ul>{{#programmes}}<li><a href="{{edit}}" aria-label="Edit the programme {{title}}">{{title}}</a> · \
        <a href="{{newSeries}}" aria-label="Add a series to {{title}}">add a series</a></li>{{/programmes}}</ul>
        <p class="actions"><a href="{{newProgramme}}">New programme</a> <a href="{{newPerson}}">Add a person</a> \
        <a href="{{outbox}}" aria-label="Outgoing messages of {{name}}">Outbox</a> \
        <a href="/workspace/orgs/{{id}}/audit" aria-label="Audit log of {{name}}">Audit log</a> \
        <a href="{{people}}" aria-label="People of {{name}}">People</a> \
        <a href="{{editOrganization}}" aria-label="Edit {{name}}">Edit the organization</a>\
        {{#newMember}} <a href="{{newMember}}" aria-label="Add a member organization to {{name}}">Add a member \
        organization</a>{{/newMember}}</p>
        {{/administers}}
        </section>
        {{/organizations}}

        """

    static let manage = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/workspace">Workspace</a> · \
        <a href="/series/{{seriesId}}">Public page</a> · <a href="/manage/series/{{seriesId}}/leaders">Facilitators and \
        guest speakers</a> · <a href="/manage/series/{{seriesId}}/clone">Run it again</a></nav>
        <h1>Sessions of {{title}}</h1>
        <p class="lead">Dates and times are in <strong>{{zone}}</strong>, the series' time zone. Calendar feeds follow
        every change.</p>
        <h2 id="sessions">Sessions</h2>
        <ol class="cards">
        {{#sessions}}
        <li class="card" id="session-{{id}}">
        <h3>{{title}}</h3>
        <p class="meta">{{when}} · {{status}}</p>
        {{#error}}<p class="error" id="error-{{id}}" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{action}}/reschedule" class="times">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field"><label for="start-date-{{id}}">Starts on</label><input id="start-date-{{id}}" \
        name="startDate" type="date" required value="{{times.startDate}}"></div>
        <div class="field"><label for="start-time-{{id}}">Start time</label><input id="start-time-{{id}}" name="startTime" \
        type="time" required value="{{times.startTime}}"></div>
        <div class="field"><label for="end-date-{{id}}">Ends on</label><input id="end-date-{{id}}" name="endDate" \
        type="date" required value="{{times.endDate}}"></div>
        <div class="field"><label for="end-time-{{id}}">End time</label><input id="end-time-{{id}}" name="endTime" \
        type="time" required value="{{times.endTime}}"></div>
        <button type="submit" aria-label="Reschedule {{title}}">Reschedule</button>
        </form>
        {{^cancelled}}<form method="post" action="{{action}}/cancel"><input type="hidden" name="form" \
        value="{{token}}"><button type="submit" class="secondary" aria-label="Cancel {{title}}">Cancel this \
        session</button></form>{{/cancelled}}
        <form method="post" action="{{action}}/describe" class="describe">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field wide"><label for="description-{{id}}">Description (Markdown or plain text)</label>\
        <textarea id="description-{{id}}" name="description" rows="4" maxlength="4000">{{description}}</textarea></div>
        <button type="submit" aria-label="Save the description of {{title}}">Save the description</button>
        </form>
        </li>
        {{/sessions}}
        </ol>
        <h2 id="add">Add a session</h2>
        {{#add.error}}<p class="error" id="error-new" role="alert">{{add.error}}</p>{{/add.error}}
        <form method="post" action="/manage/series/{{seriesId}}/sessions" class="times">
        <input type="hidden" name="form" value="{{token}}">
        <div class="field wide"><label for="new-title">Title</label><input id="new-title" name="title" type="text" \
        maxlength="200" required value="{{add.title}}"></div>
        <div class="field wide"><label for="new-kind">Kind</label><select id="new-kind" name="kind">\
        {{#add.kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/add.kinds}}\
        </select></div>
        <div class="field"><label for="new-start-date">Starts on</label><input id="new-start-date" name="startDate" \
        type="date" required value="{{add.times.startDate}}"></div>
        <div class="field"><label for="new-start-time">Start time</label><input id="new-start-time" name="startTime" \
        type="time" required value="{{add.times.startTime}}"></div>
        <div class="field"><label for="new-end-date">Ends on</label><input id="new-end-date" name="endDate" \
        type="date" value="{{add.times.endDate}}"></div>
        <div class="field"><label for="new-end-time">End time</label><input id="new-end-time" name="endTime" type="time" \
        required value="{{add.times.endTime}}"></div>
        <div class="field wide"><label for="new-description">Description (optional; Markdown or plain text)</label>\
        <textarea id="new-description" name="description" rows="4" maxlength="4000">{{add.description}}</textarea></div>
        <button type="submit">Add the session</button>
        </form>

        """
}
