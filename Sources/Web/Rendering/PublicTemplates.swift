/// The public pages' Mustache templates (see ``LayoutTemplates`` for why they are Swift strings).
enum PublicTemplates {
    static let home = """
        <h1>{{#t}}Webinar series{{/t}}</h1>
        <p class="lead">{{#t}}Public series on this server. Choose one to see its sessions in your time zone, subscribe to
        its calendar or enrol.{{/t}}</p>
        <form method="get" action="/" class="filters">
        <label for="org">{{#t}}Organization{{/t}}</label>
        <select id="org" name="org"><option value="">{{#t}}All organizations{{/t}}</option>
        {{#organizations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/organizations}}
        </select>
        <label for="status">{{#t}}Status{{/t}}</label>
        <select id="status" name="status"><option value="">{{#t}}Open and completed{{/t}}</option>
        {{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}
        </select>
        <label><input type="checkbox" name="upcoming" value="1"{{#upcoming}} checked{{/upcoming}}> {{#t}}With sessions still to come{{/t}}</label>
        <button type="submit">{{#t}}Show{{/t}}</button>
        </form>
        {{^series}}<p>{{#filtered}}{{#t}}No public series matches these filters.{{/t}}{{/filtered}}\
        {{^filtered}}{{#t}}No series is open to the public yet.{{/t}}{{/filtered}}</p>{{/series}}
        <ul class="cards">
        {{#series}}
        <li class="card">
        <h2><a href="/series/{{id}}">{{title}}</a></h2>
        <p class="meta"><bdi>{{organization}}</bdi> · {{status}}{{#dates}} · {{dates}}{{/dates}}</p>
        {{#summary}}<p dir="auto">{{summary}}</p>{{/summary}}
        </li>
        {{/series}}
        </ul>
        {{#paged}}
        <nav aria-label="{{#t}}Pages{{/t}}" class="pages">
        {{#previous}}<a href="{{.}}" rel="prev">{{#t}}Newer series{{/t}}</a>{{/previous}}
        <span>{{#t}}Page {{page}}{{/t}}</span>
        {{#next}}<a href="{{.}}" rel="next">{{#t}}Older series{{/t}}</a>{{/next}}
        </nav>
        {{/paged}}

        """

    static let series = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/">{{#t}}All series{{/t}}</a></nav>
        <h1>{{title}}</h1>
        <p class="meta"><bdi>{{organization}}</bdi> · <bdi>{{programme}}</bdi> · <span class="status">{{status}}</span></p>
        {{#summary}}<p class="lead" dir="auto">{{summary}}</p>{{/summary}}
        {{#canEnrol}}<p><a class="button" href="/series/{{id}}/enrol">{{#t}}Enrol in this series{{/t}}</a></p>{{/canEnrol}}
        {{#hasObjectives}}
        <section aria-labelledby="objectives">
        <h2 id="objectives">{{#t}}Objectives{{/t}}</h2>
        <ul>{{#objectives}}<li><bdi>{{.}}</bdi></li>{{/objectives}}</ul>
        </section>
        {{/hasObjectives}}
        <section aria-labelledby="sessions">
        <h2 id="sessions">{{#t}}Sessions{{/t}}</h2>
        <form method="get" action="/series/{{id}}" class="zone-choice">
        <label for="tz">{{#t}}Show times in{{/t}}</label>
        <select id="tz" name="tz"{{#zoneError}} aria-invalid="true" aria-describedby="tz-error"{{/zoneError}}>
        {{#zones}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/zones}}
        </select>
        <button type="submit">{{#t}}Show{{/t}}</button>
        {{#zoneError}}<p class="error" id="tz-error">{{zoneError}}</p>{{/zoneError}}
        </form>
        <p class="note">{{#zoneIsPlanned}}{{#t}}Times are in <strong>{{zoneName}}</strong>, the series' own time zone.{{/t}}\
        {{/zoneIsPlanned}}{{^zoneIsPlanned}}{{#t}}Times are in <strong>{{zoneName}}</strong>.{{/t}}{{/zoneIsPlanned}}
        <span id="local-zone" data-current="{{zone}}" \
        data-label="{{#t}}Show them in your time zone ({zone}){{/t}}"></span></p>
        <ol class="sessions">
        {{#sessions}}
        <li class="session{{#cancelled}} cancelled{{/cancelled}}">
        <h3 dir="auto">{{title}}</h3>
        <p class="when"><time datetime="{{startISO}}">{{when}}</time></p>
        {{#plannedDiffers}}<p class="planned">{{#t}}Planned as {{planned}} ({{plannedZone}}){{/t}}</p>{{/plannedDiffers}}
        <p class="meta">{{kind}} · {{duration}}{{#cancelled}} · <strong>{{#t}}Cancelled{{/t}}</strong>{{/cancelled}}</p>
        {{#hasAgenda}}<ul class="agenda">{{#agenda}}<li><bdi>{{.}}</bdi></li>{{/agenda}}</ul>{{/hasAgenda}}
        {{#hasDescription}}<div class="description" dir="auto">{{#description}}<p>{{.}}</p>{{/description}}</div>\
        {{/hasDescription}}
        </li>
        {{/sessions}}
        </ol>
        {{^sessions}}<p>{{#t}}No sessions are scheduled yet.{{/t}}</p>{{/sessions}}
        {{#moreSessions}}<p class="note">{{#t}}Only the first sessions are listed here; the series' calendar has them all.{{/t}}</p>\
        {{/moreSessions}}
        </section>
        {{#hasFacilitators}}
        <section aria-labelledby="facilitators">
        <h2 id="facilitators">{{#t}}Facilitators{{/t}}</h2>
        <ul>{{#facilitators}}<li><bdi>{{name}}</bdi> <span class="meta">({{role}})</span></li>{{/facilitators}}</ul>
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
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/series/{{seriesId}}">{{seriesTitle}}</a></nav>
        <h1>{{#t}}Enrol in <bdi>{{seriesTitle}}</bdi>{{/t}}</h1>
        {{#formError}}<div class="alert" role="alert"><p>{{formError}}</p></div>{{/formError}}
        <form method="post" action="/series/{{seriesId}}/enrol" novalidate>
        <input type="hidden" name="form" value="{{token}}">
        <p class="note">{{#t}}Only your name and e-mail address are required.{{/t}}</p>
        <div class="field">
        <label for="name">{{#t}}Your name{{/t}}</label>
        {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
        <input id="name" name="name" type="text" autocomplete="name" maxlength="200" required \
        value="{{values.name}}"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
        </div>
        <div class="field">
        <label for="email">{{#t}}E-mail address{{/t}}</label>
        {{#errors.email}}<p class="error" id="email-error">{{errors.email}}</p>{{/errors.email}}
        <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required \
        value="{{values.email}}"{{#errors.email}} aria-invalid="true" aria-describedby="email-error"{{/errors.email}}>
        </div>
        <div class="field">
        <label for="channel">{{#t}}How did you hear about this series?{{/t}} <span class="optional">({{#t}}optional{{/t}})</span></label>
        {{#errors.channel}}<p class="error" id="channel-error">{{errors.channel}}</p>{{/errors.channel}}
        <select id="channel" name="channel">
        <option value="">{{#t}}Prefer not to say{{/t}}</option>
        {{#channels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/channels}}
        </select>
        </div>
        <div class="field">
        <label for="timeZone">{{#t}}Your time zone{{/t}} <span class="optional">({{#t}}optional{{/t}})</span></label>
        <p class="why" id="timeZone-why">{{#t}}Messages give session times in this zone; otherwise in the series' own.{{/t}}</p>
        {{#errors.timeZone}}<p class="error" id="timeZone-error">{{errors.timeZone}}</p>{{/errors.timeZone}}
        <select id="timeZone" name="timeZone" aria-describedby="timeZone-why{{#errors.timeZone}} \
        timeZone-error{{/errors.timeZone}}">
        <option value="">{{#t}}The series' own time zone{{/t}}</option>
        {{#timeZones}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/timeZones}}
        </select>
        </div>
        <div class="field">
        <label for="language">{{#t}}Language for e-mails and certificates{{/t}} \
        <span class="optional">({{#t}}optional{{/t}})</span></label>
        {{#errors.language}}<p class="error" id="language-error">{{errors.language}}</p>{{/errors.language}}
        <select id="language" name="language"{{#errors.language}} aria-invalid="true" \
        aria-describedby="language-error"{{/errors.language}}>
        <option value="">{{#t}}No preference{{/t}}</option>
        {{#languages}}<option value="{{value}}" lang="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>\
        {{/languages}}
        </select>
        </div>
        <fieldset>
        <legend>{{#t}}Gender{{/t}} <span class="optional">({{#t}}optional{{/t}})</span></legend>
        <p class="why" id="gender-why">{{#t}}Why we ask: <bdi>{{organization}}</bdi> runs these series to bring more
        women into the field, and reports how many women and men join and stay. Who sees it: only the administrators
        of <bdi>{{organization}}</bdi> (and the coordinators of its network); reports show counts, never names, and
        hide small groups. It is never shown publicly. We keep it only if you tick the box, and you can ask them to
        delete it at any time.{{/t}}</p>
        <div class="field">
        <label for="gender">{{#t}}Your gender, in your own words{{/t}}</label>
        {{#errors.gender}}<p class="error" id="gender-error">{{errors.gender}}</p>{{/errors.gender}}
        <input id="gender" name="gender" type="text" maxlength="100" value="{{values.gender}}" \
        aria-describedby="gender-why{{#errors.gender}} gender-error{{/errors.gender}}"\
        {{#errors.gender}} aria-invalid="true"{{/errors.gender}}>
        </div>
        <div class="check">
        <input id="consent" name="consent" type="checkbox" value="yes"{{#values.consent}} checked{{/values.consent}}>
        <label for="consent">{{#t}}I agree that <bdi>{{organization}}</bdi> keeps the gender I gave, for the purpose above.{{/t}}</label>
        </div>
        </fieldset>
        <div class="trap" aria-hidden="true">
        <label for="website">{{#t}}Leave this field empty{{/t}}</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off">
        </div>
        <button type="submit">{{#t}}Enrol{{/t}}</button>
        </form>

        """

    static let unsubscribe = """
        {{#stopped}}
        <h1>{{#t}}Reminders stopped{{/t}}</h1>
        <p class="lead" role="status">{{#t}}You will get no more reminders before sessions and no "we missed you" \
        messages. Confirmations, changes to sessions you joined and certificates still reach you.{{/t}}</p>
        <form method="post" action="/unsubscribe/{{token}}">
        <input type="hidden" name="action" value="restart">
        <button type="submit">{{#t}}Send me reminders again{{/t}}</button>
        </form>
        {{/stopped}}
        {{^stopped}}
        <h1>{{#t}}Stop reminders{{/t}}</h1>
        <p>{{#t}}Stop reminders before sessions and "we missed you" messages? Confirmations, changes to sessions you \
        joined and certificates still reach you.{{/t}}</p>
        <form method="post" action="/unsubscribe/{{token}}">
        <input type="hidden" name="action" value="stop">
        <button type="submit">{{#t}}Stop reminders{{/t}}</button>
        </form>
        {{/stopped}}

        """

    static let enrolled = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs"><a href="/series/{{seriesId}}">{{seriesTitle}}</a></nav>
        <h1>{{heading}}</h1>
        <p class="lead" role="status">{{message}}</p>
        {{#sections}}
        <section aria-labelledby="{{anchor}}">
        <h2 id="{{anchor}}">{{title}}</h2>
        {{{body}}}
        </section>
        {{/sections}}
        <p><a href="/series/{{seriesId}}">{{#t}}Back to the series page{{/t}}</a></p>

        """
}
