/// The public pages' Mustache templates (see ``LayoutTemplates`` for why they are Swift strings).
enum PublicTemplates {
    static let home = """
        <h1>Webinar series</h1>
        <p class="lead">Public series on this server. Choose one to see its sessions in your time zone, subscribe to its
        calendar or enrol.</p>
        <form method="get" action="/" class="filters">
        <label for="org">Organization</label>
        <select id="org" name="org"><option value="">All organizations</option>
        {{#organizations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/organizations}}
        </select>
        <label for="status">Status</label>
        <select id="status" name="status"><option value="">Open and completed</option>
        {{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}
        </select>
        <label><input type="checkbox" name="upcoming" value="1"{{#upcoming}} checked{{/upcoming}}> With sessions still to come</label>
        <button type="submit">Show</button>
        </form>
        {{^series}}<p>{{#filtered}}No public series matches these filters.{{/filtered}}{{^filtered}}No series is open to the public yet.{{/filtered}}</p>{{/series}}
        <ul class="cards">
        {{#series}}
        <li class="card">
        <h2><a href="/series/{{id}}">{{title}}</a></h2>
        <p class="meta">{{organization}} · {{status}}{{#dates}} · {{dates}}{{/dates}}</p>
        {{#summary}}<p>{{summary}}</p>{{/summary}}
        </li>
        {{/series}}
        </ul>
        {{#paged}}
        <nav aria-label="Pages" class="pages">
        {{#previous}}<a href="{{.}}" rel="prev">Newer series</a>{{/previous}}
        <span>Page {{page}}</span>
        {{#next}}<a href="{{.}}" rel="next">Older series</a>{{/next}}
        </nav>
        {{/paged}}

        """

    static let series = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/">All series</a></nav>
        <h1>{{title}}</h1>
        <p class="meta">{{organization}} · {{programme}} · <span class="status">{{status}}</span></p>
        {{#summary}}<p class="lead">{{summary}}</p>{{/summary}}
        {{#canEnrol}}<p><a class="button" href="/series/{{id}}/enrol">Enrol in this series</a></p>{{/canEnrol}}
        {{#hasObjectives}}
        <section aria-labelledby="objectives">
        <h2 id="objectives">Objectives</h2>
        <ul>{{#objectives}}<li>{{.}}</li>{{/objectives}}</ul>
        </section>
        {{/hasObjectives}}
        <section aria-labelledby="sessions">
        <h2 id="sessions">Sessions</h2>
        <form method="get" action="/series/{{id}}" class="zone-choice">
        <label for="tz">Show times in</label>
        <select id="tz" name="tz"{{#zoneError}} aria-invalid="true" aria-describedby="tz-error"{{/zoneError}}>
        {{#zones}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/zones}}
        </select>
        <button type="submit">Show</button>
        {{#zoneError}}<p class="error" id="tz-error">{{zoneError}}</p>{{/zoneError}}
        </form>
        <p class="note">Times are in <strong>{{zone}}</strong>{{#zoneIsPlanned}}, the series' own time zone{{/zoneIsPlanned}}.
        <span id="local-zone" data-current="{{zone}}"></span></p>
        <ol class="sessions">
        {{#sessions}}
        <li class="session{{#cancelled}} cancelled{{/cancelled}}">
        <h3>{{title}}</h3>
        <p class="when"><time datetime="{{startISO}}">{{when}}</time></p>
        {{#plannedDiffers}}<p class="planned">Planned as {{planned}} ({{plannedZone}})</p>{{/plannedDiffers}}
        <p class="meta">{{kind}} · {{duration}}{{#cancelled}} · <strong>Cancelled</strong>{{/cancelled}}</p>
        {{#hasAgenda}}<ul class="agenda">{{#agenda}}<li>{{.}}</li>{{/agenda}}</ul>{{/hasAgenda}}
        {{#hasDescription}}<div class="description">{{#description}}<p>{{.}}</p>{{/description}}</div>\
        {{/hasDescription}}
        </li>
        {{/sessions}}
        </ol>
        {{^sessions}}<p>No sessions are scheduled yet.</p>{{/sessions}}
        {{#moreSessions}}<p class="note">Only the first sessions are listed here; the series' calendar has them all.</p>{{/moreSessions}}
        </section>
        {{#hasFacilitators}}
        <section aria-labelledby="facilitators">
        <h2 id="facilitators">Facilitators</h2>
        <ul>{{#facilitators}}<li>{{name}} <span class="meta">({{role}})</span></li>{{/facilitators}}</ul>
        </section>
        {{/hasFacilitators}}
        {{#sections}}
        <section aria-labelledby="{{anchor}}">
        <h2 id="{{anchor}}">{{title}}</h2>
        {{{body}}}
        </section>
        {{/sections}}

        """

    static let enrol = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/series/{{seriesId}}">{{seriesTitle}}</a></nav>
        <h1>Enrol in {{seriesTitle}}</h1>
        {{#formError}}<div class="alert" role="alert"><p>{{formError}}</p></div>{{/formError}}
        <form method="post" action="/series/{{seriesId}}/enrol" novalidate>
        <input type="hidden" name="form" value="{{token}}">
        <p class="note">Only your name and e-mail address are required.</p>
        <div class="field">
        <label for="name">Your name</label>
        {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
        <input id="name" name="name" type="text" autocomplete="name" maxlength="200" required \
        value="{{values.name}}"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
        </div>
        <div class="field">
        <label for="email">E-mail address</label>
        {{#errors.email}}<p class="error" id="email-error">{{errors.email}}</p>{{/errors.email}}
        <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required \
        value="{{values.email}}"{{#errors.email}} aria-invalid="true" aria-describedby="email-error"{{/errors.email}}>
        </div>
        <div class="field">
        <label for="channel">How did you hear about this series? <span class="optional">(optional)</span></label>
        {{#errors.channel}}<p class="error" id="channel-error">{{errors.channel}}</p>{{/errors.channel}}
        <select id="channel" name="channel">
        <option value="">Prefer not to say</option>
        {{#channels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/channels}}
        </select>
        </div>
        <div class="field">
        <label for="timeZone">Your time zone <span class="optional">(optional)</span></label>
        <p class="why" id="timeZone-why">Messages give session times in this zone; otherwise in the series' own.</p>
        {{#errors.timeZone}}<p class="error" id="timeZone-error">{{errors.timeZone}}</p>{{/errors.timeZone}}
        <select id="timeZone" name="timeZone" aria-describedby="timeZone-why{{#errors.timeZone}} \
        timeZone-error{{/errors.timeZone}}">
        <option value="">The series' own time zone</option>
        {{#timeZones}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/timeZones}}
        </select>
        </div>
        <fieldset>
        <legend>Gender <span class="optional">(optional)</span></legend>
        <p class="why" id="gender-why">Why we ask: {{organization}} runs these series to bring more women into the
        field, and reports how many women and men join and stay. Who sees it: only the administrators of
        {{organization}} (and the coordinators of its network); reports show counts, never names, and hide small
        groups. It is never shown publicly. We keep it only if you tick the box, and you can ask them to delete it at
        any time.</p>
        <div class="field">
        <label for="gender">Your gender, in your own words</label>
        {{#errors.gender}}<p class="error" id="gender-error">{{errors.gender}}</p>{{/errors.gender}}
        <input id="gender" name="gender" type="text" maxlength="100" value="{{values.gender}}" \
        aria-describedby="gender-why{{#errors.gender}} gender-error{{/errors.gender}}"\
        {{#errors.gender}} aria-invalid="true"{{/errors.gender}}>
        </div>
        <div class="check">
        <input id="consent" name="consent" type="checkbox" value="yes"{{#values.consent}} checked{{/values.consent}}>
        <label for="consent">I agree that {{organization}} keeps the gender I gave, for the purpose above.</label>
        </div>
        </fieldset>
        <div class="trap" aria-hidden="true">
        <label for="website">Leave this field empty</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off">
        </div>
        <button type="submit">Enrol</button>
        </form>

        """

    static let unsubscribe = """
        {{#stopped}}
        <h1>Reminders stopped</h1>
        <p class="lead" role="status">You will get no more reminders before sessions and no "we missed you" \
        messages. Confirmations, changes to sessions you joined and certificates still reach you.</p>
        <form method="post" action="/unsubscribe/{{token}}">
        <input type="hidden" name="action" value="restart">
        <button type="submit">Send me reminders again</button>
        </form>
        {{/stopped}}
        {{^stopped}}
        <h1>Stop reminders</h1>
        <p>Stop reminders before sessions and "we missed you" messages? Confirmations, changes to sessions you \
        joined and certificates still reach you.</p>
        <form method="post" action="/unsubscribe/{{token}}">
        <input type="hidden" name="action" value="stop">
        <button type="submit">Stop reminders</button>
        </form>
        {{/stopped}}

        """

    static let enrolled = """
        <nav aria-label="Breadcrumb" class="crumbs"><a href="/series/{{seriesId}}">{{seriesTitle}}</a></nav>
        <h1>{{heading}}</h1>
        <p class="lead" role="status">{{message}}</p>
        {{#sections}}
        <section aria-labelledby="{{anchor}}">
        <h2 id="{{anchor}}">{{title}}</h2>
        {{{body}}}
        </section>
        {{/sections}}
        <p><a href="/series/{{seriesId}}">Back to the series page</a></p>

        """
}
