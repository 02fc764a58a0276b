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
