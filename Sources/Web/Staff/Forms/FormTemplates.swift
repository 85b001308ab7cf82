/// The one template every staff form uses (see ``FormField``); `before` and `after` are markup rendered by the page
/// (always escaped through ``Kernel/HTML``).
enum FormTemplates {
    static let staffForm = """
        <nav aria-label="{{#t}}Breadcrumb{{/t}}" class="crumbs">{{#crumbs}}{{#separator}} · {{/separator}}<a href="{{href}}">\
        <bdi>{{text}}</bdi></a>{{/crumbs}}</nav>
        <h1>{{heading}}</h1>
        {{#lead}}<p class="lead">{{lead}}</p>{{/lead}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{{before}}}
        {{#formError}}<div class="alert" role="alert"><p>{{formError}}</p></div>{{/formError}}
        <form method="post" action="{{action}}" class="staff" novalidate>
        <input type="hidden" name="form" value="{{token}}">
        {{#fields}}
        {{#isCheckbox}}<div class="check field">\
        <input id="{{id}}" name="{{name}}" type="checkbox" value="yes"{{#checked}} checked{{/checked}}\
        {{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>\
        <label for="{{id}}">{{label}}</label></div>
        {{#hint}}<p class="why" id="{{id}}-hint">{{hint}}</p>{{/hint}}
        {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}{{/isCheckbox}}
        {{^isCheckbox}}<div class="field">
        <label for="{{id}}">{{label}}{{#optional}} <span class="optional">({{#t}}optional{{/t}})</span>{{/optional}}</label>
        {{#hint}}<p class="why" id="{{id}}-hint">{{hint}}</p>{{/hint}}
        {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}
        {{#isInput}}<input id="{{id}}" name="{{name}}" type="{{inputType}}"{{#isLeftToRight}} dir="ltr"\
        {{/isLeftToRight}} value="{{value}}"\
        {{#step}} step="{{step}}"{{/step}}{{#readOnly}} readonly{{/readOnly}}{{^optional}}{{^readOnly}} \
        required{{/readOnly}}{{/optional}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}\
        {{#error}} aria-invalid="true"{{/error}}>{{/isInput}}
        {{#isTextarea}}<textarea id="{{id}}" name="{{name}}" rows="{{rows}}"{{#describedBy}} \
        aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>
        {{value}}</textarea>{{/isTextarea}}
        {{#isSelect}}<select id="{{id}}" name="{{name}}"{{#describedBy}} aria-describedby="{{describedBy}}"\
        {{/describedBy}}{{#error}} aria-invalid="true"{{/error}}>{{#options}}<option value="{{value}}"\
        {{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        </div>{{/isCheckbox}}
        {{/fields}}
        <button type="submit">{{submit}}</button>
        </form>
        {{{after}}}

        """
}
