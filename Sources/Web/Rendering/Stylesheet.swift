/// The one stylesheet, served same-origin at `/static/indaba.css`: system fonts, no framework, readable on a phone.
///
/// Colours keep at least 4.5:1 contrast against their background (WCAG AA for body text).
enum Stylesheet {
    static let css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5;\
        color:#1b1b1b;background:#fff;-webkit-text-size-adjust:100%}
        body{margin:0;overflow-wrap:anywhere}
        a{color:#0a4fb4}
        a:hover{color:#06357a}
        :focus-visible{outline:3px solid #b35900;outline-offset:2px}
        .skip{position:absolute;inset-inline-start:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
        .skip:focus{inset-inline-start:.5rem}
        header.site{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;\
        padding:.75rem 1rem;background:#123a5e;color:#fff}
        header.site a{color:#fff}
        .brand{font-weight:700;font-size:1.25rem;text-decoration:none}
        header.site ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0;align-items:center}
        header.site form{margin:0}
        nav.languages{font-size:.9rem}
        nav.languages ul{gap:.75rem}
        nav.languages [aria-current]{font-weight:700;text-decoration:underline}
        button.link{background:none;border:0;color:#fff;text-decoration:underline;font:inherit;padding:0;\
        cursor:pointer}
        main{display:block;max-width:48rem;margin:0 auto;padding:1rem 1rem 3rem}
        main:focus{outline:none}
        footer.site{border-top:1px solid #d0d5dc;padding:1rem;color:#4a4f57;font-size:.9rem;text-align:center}
        h1{font-size:1.9rem;line-height:1.2;margin:1rem 0 .5rem}
        h2{font-size:1.35rem;margin:2rem 0 .5rem}
        h3{font-size:1.1rem;margin:0 0 .25rem}
        .lead{font-size:1.1rem}
        .meta,.note,.planned{color:#4a4f57}
        .crumbs{font-size:.95rem;margin-top:.5rem}
        .cards{list-style:none;padding:0;margin:0}
        .card{border:1px solid #d0d5dc;border-radius:.5rem;padding:1rem;margin:1rem 0}
        .card h2{margin-top:0}
        .sessions{list-style:none;padding:0}
        .session{border-inline-start:4px solid #123a5e;padding-block:.5rem;padding-inline:1rem 0;margin:1rem 0}
        .session.cancelled{border-color:#8a8f98;color:#4a4f57}
        .session.cancelled h3{text-decoration:line-through}
        .when{font-weight:600;margin:.25rem 0}
        .session p{margin:.25rem 0}
        .agenda{margin:.25rem 0;padding-inline-start:1.25rem}
        .description p{white-space:pre-line;margin:.25rem 0}
        .button,button{display:inline-block;background:#0a4fb4;color:#fff;border:0;border-radius:.375rem;\
        padding:.6rem 1.1rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
        .button:hover,button:hover{background:#06357a;color:#fff}
        form{margin:1rem 0}
        .field{margin:1rem 0}
        label{display:block;font-weight:600;margin-bottom:.25rem}
        .check{display:flex;gap:.5rem;align-items:flex-start}
        .check label{font-weight:400}
        .check input{margin-top:.35rem}
        input[type=text],input[type=email],input[type=search],input[type=date],input[type=time],\
        input[type=number],select,textarea{width:100%;max-width:30rem;font:inherit;padding:.5rem;\
        border:1px solid #6b7079;border-radius:.25rem;background:#fff;color:#1b1b1b}
        textarea{max-width:40rem;box-sizing:border-box}
        input[readonly]{background:#f3f5f8}
        input[type=email],input[type=url],input[name=slug],input[name=website],input[name=country],\
        input[name$=url],input[name$=URL]{direction:ltr}
        input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #a30000}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:center}
        .zone-choice,.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
        .filters label{margin:0}
        .filters select{width:auto;max-width:100%}
        .filters .field{min-width:0;max-width:100%}
        .pages{display:flex;gap:1rem;align-items:center;margin:1rem 0}
        .zone-choice label{margin:0}
        .zone-choice select{width:auto;max-width:100%}
        fieldset{border:1px solid #d0d5dc;border-radius:.5rem;padding:1rem;margin:1rem 0;min-width:0}
        legend{font-weight:700;padding:0 .25rem}
        .optional{font-weight:400;color:#4a4f57}
        .why{font-size:.95rem;color:#33373d;margin-top:0}
        .error{color:#a30000;font-weight:600;margin:.25rem 0}
        .alert{border:2px solid #a30000;border-radius:.5rem;padding:0 1rem;background:#fff5f5}
        .trap{position:absolute;inset-inline-start:-9999px;width:1px;height:1px;overflow:hidden}
        code,.url{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;\
        overflow-wrap:anywhere;word-break:break-all}
        .url{display:block;background:#f3f5f8;padding:.5rem;border-radius:.25rem}
        .plugins{padding-inline-start:1.25rem}
        mark{background:#fff2a8;color:inherit}
        .chart svg{max-width:100%;height:auto}
        table{border-collapse:collapse;margin:1rem 0}
        .scroll{overflow-x:auto;max-width:100%}
        caption{text-align:start;font-weight:700;padding:.25rem 0}
        th,td{border-bottom:1px solid #d0d5dc;padding:.35rem .6rem;text-align:start;vertical-align:top}
        td{text-align:end}
        table.list td{text-align:start}
        figure.quote{margin:0}
        .notice{border-inline-start:4px solid #1a7f37;padding:.25rem .75rem;background:#f0f9f2;font-weight:600}
        blockquote{margin:0;padding-inline-start:1rem;border-inline-start:4px solid #d0d5dc}
        .plugin{font-weight:600}
        .plugins>li{margin:.5rem 0}
        form.times{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
        form.times .field{margin:.5rem 0}
        form.times .wide{flex-basis:100%}
        button.secondary{background:#fff;color:#0a4fb4;border:2px solid #0a4fb4}
        button.danger{background:#a4161a;border-color:#a4161a}
        ul.plain{list-style:none;padding-inline-start:0}
        button.secondary:hover{background:#eef3fb;color:#06357a}
        form.switch{display:inline;margin-inline-start:.5rem}
        form.switch button{padding:.2rem .7rem;font-size:.9rem}
        td.text{text-align:start}
        .notice{border:2px solid #1d6b35;border-radius:.5rem;padding:.5rem 1rem;background:#f2faf4}
        .review,.certificates>li{border:1px solid #d0d5dc;border-radius:.5rem;padding:0 1rem;margin:1rem 0}
        .certificates{list-style:none;padding:0}
        input[type=file]{max-width:100%;font:inherit}
        @media (max-width:30rem){h1{font-size:1.6rem}main{padding:.75rem .75rem 2rem}}

        """

    /// Offers the visitor's own time zone on a series page when the page shows another; the page works without it.
    /// The link's words come from the page (`data-label`, in the page's language), the zone from the browser.
    static let localTime = """
        (function(){var s=document.getElementById('local-zone');if(!s||!window.Intl)return;
        var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z||z===s.getAttribute('data-current'))return;
        var a=document.createElement('a');var u=new URL(window.location.href);u.searchParams.set('tz',z);
        a.href=u.toString();a.textContent=s.getAttribute('data-label').replace('{zone}',z);s.appendChild(a);})();

        """
}
