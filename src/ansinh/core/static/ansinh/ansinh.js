// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
});
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});
// An export takes the list as it is filtered now: htmx may have changed the filters (and the address) since
// the page was drawn, so the link takes the address's query at the moment it is followed.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-export]");
  if (link) { link.href = link.href.split("?")[0] + window.location.search; }
});
