// The theming example: switch every widget's theme at run time, without a reload.
for (const button of document.querySelectorAll('[data-set-theme]')) {
  button.addEventListener('click', () => window.ArticleWidget?.setTheme(button.dataset.setTheme));
}
