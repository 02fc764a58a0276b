// Organisation picker of the initiative editor (initiatieven/admin/widgets.py): turns the
// multiple select into a combobox. Type a few letters, choose a match with the arrow keys and
// Enter (or a click), or add a new organisation with the typed name. The select stays the
// form field: choosing selects its option, so the form posts and autosaves as before.
(function () {
  "use strict";

  var DELAY = 200;

  function format(text, value) {
    return text.replace("%s", value).replace("%d", value);
  }

  function fold(value) {
    return value
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function csrfToken(form) {
    var input = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function make(tag, attrs, text) {
    var element = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      element.setAttribute(name, attrs[name]);
    });
    if (text) element.textContent = text;
    return element;
  }

  function enhance(select) {
    if (select.dataset.pickerReady) return;
    select.dataset.pickerReady = "1";
    var texts = JSON.parse(select.dataset.texts || "{}");
    var id = select.id || "organisation-picker";
    var listId = id + "-matches";
    var root = make("div", { class: "kb-picker" });
    var chosenHeading = make("p", { class: "kb-picker__heading", id: id + "-chosen-label" }, texts.chosen);
    var chosen = make("ul", { class: "kb-picker__chosen", "aria-labelledby": id + "-chosen-label" });
    var empty = make("p", { class: "kb-picker__empty" }, texts.none_chosen);
    var input = make("input", {
      type: "text",
      class: "kb-picker__input",
      role: "combobox",
      autocomplete: "off",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      placeholder: texts.placeholder,
    });
    var list = make("ul", { class: "kb-picker__matches", id: listId, role: "listbox" });
    list.hidden = true;
    var status = make("p", { class: "w-sr-only", role: "status", "aria-live": "polite" });

    // The field's label and help text now belong to the text box.
    select.id = id + "-select";
    input.id = id;
    if (select.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    root.append(chosenHeading, chosen, empty, input, list, status);
    select.after(root);

    var matches = [];
    var active = -1;
    var timer = null;
    var lastQuery = null;
    var request = 0;

    function announce(message) {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function renderChosen() {
      chosen.replaceChildren();
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = make("li", { class: "kb-picker__chip" });
        item.append(make("span", {}, option.textContent));
        var remove = make("button", {
          type: "button",
          class: "kb-picker__remove",
          "aria-label": format(texts.remove, option.textContent),
        });
        remove.append(make("span", { "aria-hidden": "true" }, "×"));
        remove.addEventListener("click", function () {
          option.selected = false;
          renderChosen();
          changed();
          announce(format(texts.removed, option.textContent));
          input.focus();
        });
        item.append(remove);
        chosen.append(item);
      });
      empty.hidden = select.selectedOptions.length > 0;
      chosen.hidden = select.selectedOptions.length === 0;
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      matches = [];
      active = -1;
    }

    function setActive(index) {
      var options = list.querySelectorAll('[role="option"]');
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.classList.toggle("kb-picker__match--active", i === active);
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(match) {
      var option = select.querySelector('option[value="' + match.id + '"]');
      if (!option) {
        option = new Option(match.name, match.id);
        select.append(option);
      }
      option.selected = true;
      renderChosen();
      changed();
      input.value = "";
      lastQuery = null;
      close();
      input.focus();
    }

    function create(name) {
      var body = new URLSearchParams();
      body.append("name", name);
      fetch(select.dataset.createUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(select.form) },
        body: body,
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(data.error || texts.error);
            return data;
          });
        })
        .then(function (data) {
          choose(data);
          announce(format(data.created ? texts.created : texts.added, data.name));
        })
        .catch(function (error) {
          announce(error.message || texts.error);
          showMessage(error.message || texts.error);
        });
    }

    function showMessage(message) {
      list.replaceChildren(make("li", { class: "kb-picker__message" }, message));
      list.hidden = false;
    }

    function render(data, query) {
      var chosenIds = Array.prototype.map.call(select.selectedOptions, function (option) {
        return option.value;
      });
      matches = data.results.filter(function (match) {
        return chosenIds.indexOf(String(match.id)) === -1;
      });
      var exact = data.results.some(function (match) {
        return fold(match.name) === fold(query);
      });
      if (data.can_create && !exact) {
        matches.push({ isNew: true, name: query.trim() });
      }
      list.replaceChildren();
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!matches.length) {
        showMessage(texts.not_found);
        input.setAttribute("aria-expanded", "false");
        announce(texts.not_found);
        return;
      }
      matches.forEach(function (match, index) {
        var option = make("li", {
          id: listId + "-" + index,
          role: "option",
          class: "kb-picker__match" + (match.isNew ? " kb-picker__match--new" : ""),
          "aria-selected": "false",
        });
        if (match.isNew) {
          option.textContent = format(texts.new, match.name);
        } else {
          option.append(make("span", {}, match.name));
          if (match.place) option.append(make("span", { class: "kb-picker__place" }, match.place));
        }
        // mousedown, not click: the text box must not lose focus first.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(index);
        });
        list.append(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var found = matches.filter(function (match) {
        return !match.isNew;
      }).length;
      announce(found ? format(texts.found, found) : format(texts.new, query.trim()));
    }

    function pick(index) {
      var match = matches[index];
      if (!match) return;
      if (match.isNew) {
        create(match.name);
      } else {
        choose(match);
        announce(format(texts.added, match.name));
      }
    }

    function search() {
      var query = input.value;
      if (!fold(query)) {
        lastQuery = null;
        close();
        return;
      }
      if (query === lastQuery) return;
      lastQuery = query;
      var number = ++request;
      var url = select.dataset.searchUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(texts.error);
          return response.json();
        })
        .then(function (data) {
          if (number === request && input.value === query) render(data, query);
        })
        .catch(function () {
          if (number === request) showMessage(texts.error);
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) {
          lastQuery = null;
          search();
          return;
        }
        event.preventDefault();
        setActive(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        // Never submit the whole form from the search box.
        event.preventDefault();
        if (active >= 0) pick(active);
        else if (matches.length === 1) pick(0);
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    renderChosen();
  }

  function start() {
    document.querySelectorAll("select[data-organisation-picker]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
