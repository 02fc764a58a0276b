// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".protected-email").forEach(function (holder) {
        var button = holder.querySelector(".protected-email__reveal");
        var spelled = holder.querySelector(".protected-email__spelled");
        if (!button) { return; }
        button.hidden = false;
        spelled.hidden = true;
        button.addEventListener("click", function () {
            var reverse = function (text) { return text.split("").reverse().join(""); };
            var address = reverse(holder.dataset.user) + "@" + reverse(holder.dataset.domain);
            var link = document.createElement("a");
            link.href = "mailto:" + address;
            link.textContent = address;
            holder.replaceChildren(link);
            link.focus();
        });
    });
});

// Faceted filters (search page and listings): a ticked box or a new sort order applies at once.
// The page is fetched and its results, counts and groups swapped in; focus stays where it was
// and the result count, a live region, is announced. Without JS the apply button does this.
document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-faceted]");
    if (!form || !window.fetch || !window.DOMParser) { return; }
    var panel = form.querySelector("[data-filters]");
    var wide = window.matchMedia("(min-width: 60rem)");
    var COLLAPSED = "kennisbank.collapsedFacets";
    var pending = null;

    var collapsed = function () {
        try { return JSON.parse(sessionStorage.getItem(COLLAPSED) || "[]"); } catch (e) { return []; }
    };
    var applyCollapsed = function () {
        var ids = collapsed();
        form.querySelectorAll("details.facet").forEach(function (group) {
            group.open = ids.indexOf(group.id) === -1;
        });
    };
    form.addEventListener("toggle", function (event) {
        var group = event.target;
        if (!group.matches || !group.matches("details.facet")) { return; }
        var ids = collapsed().filter(function (id) { return id !== group.id; });
        if (!group.open) { ids.push(group.id); }
        try { sessionStorage.setItem(COLLAPSED, JSON.stringify(ids)); } catch (e) { /* private mode */ }
    }, true);

    if (panel) {
        panel.open = wide.matches;
        wide.addEventListener("change", function () { panel.open = wide.matches; });
    }
    applyCollapsed();
    form.classList.add("is-enhanced");
    history.replaceState({ faceted: true }, "");

    var swap = function (html, url) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var focused = document.activeElement && document.activeElement.id;
        form.querySelectorAll("[data-swap][id]").forEach(function (region) {
            var replacement = fresh.getElementById(region.id);
            if (replacement) { region.innerHTML = replacement.innerHTML; }
        });
        applyCollapsed();
        var count = document.getElementById("result-count");
        var freshCount = fresh.getElementById("result-count");
        if (count && freshCount) { count.textContent = freshCount.textContent.trim(); }
        history.pushState({ faceted: true }, "", url);
        var target = focused && document.getElementById(focused);
        if (!target && focused && focused.indexOf("f-") === 0) {
            // The value vanished (it no longer finds anything): stay in its group.
            var group = document.getElementById("facet-" + focused.split("-")[1]);
            target = group && group.querySelector("summary");
        }
        if (target && target !== document.activeElement) { target.focus(); }
    };

    var update = function () {
        var params = new URLSearchParams(new FormData(form));
        params.delete("page");
        var url = form.action.split("?")[0] + (params.toString() ? "?" + params : "");
        if (pending) { pending.abort(); }
        pending = window.AbortController ? new AbortController() : null;
        fetch(url, { signal: pending ? pending.signal : undefined, credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) { throw new Error(String(response.status)); }
                return response.text();
            })
            .then(function (html) { swap(html, url); })
            .catch(function (error) {
                if (error.name !== "AbortError") { window.location.assign(url); }
            });
    };

    form.addEventListener("change", function (event) {
        if (event.target.matches("[data-auto-apply]")) { update(); }
    });
    window.addEventListener("popstate", function (event) {
        if (event.state && event.state.faceted) { window.location.reload(); }
    });
});

// Paper says when it was printed (today, also when the page came from a cache) and its address
// (with the filters applied since it loaded).
window.addEventListener("beforeprint", function () {
    var today = new Date();
    document.querySelectorAll("[data-print-address]").forEach(function (holder) {
        holder.textContent = window.location.href;
    });
    document.querySelectorAll("time[data-print-date]").forEach(function (time) {
        time.textContent = today.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
        time.setAttribute("datetime", today.toISOString().slice(0, 10));
    });
});
