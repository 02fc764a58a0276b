import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import maintenance
from search.engines import es_index


class Command(BaseCommand):
    help = (
        "Maintain the search indexes. rebuild: build new indexes and switch to them (search "
        "keeps working meanwhile); update: catch up with changes; status: report, exit 1 when "
        "action is needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, action)()
        except es_index.ERRORS as error:
            raise CommandError(f"Elasticsearch unavailable: {error}") from error

    def _progress(self, items, total, description):
        return tqdm(items, total=total, desc=description, unit="doc", file=sys.stderr, leave=False)

    def rebuild(self):
        result = maintenance.rebuild(progress=self._progress)
        self.stdout.write(f"Vocabulary: {result['words']} words.")
        if result["documents"] is not None:
            self.stdout.write(
                f"Elasticsearch: {result['documents']} documents in {result['index']}; "
                f"alias switched, replaced: {', '.join(result['replaced']) or '-'}."
            )
        self.stdout.write(self.style.SUCCESS("Rebuild done."))

    def update(self):
        result = maintenance.update(progress=self._progress)
        if result["indexed"] is None:
            self.stdout.write("Database index updated.")
        else:
            self.stdout.write(
                f"Sent {result['queued']} queued change(s), indexed {result['indexed']}, "
                f"removed {result['removed']}."
            )
        self.stdout.write(self.style.SUCCESS("Update done."))

    def status(self):
        report = maintenance.status()
        self.stdout.write(f"Engine: {report.engine}")
        self.stdout.write(f"Live initiatives: {report.live_initiatives}")
        self.stdout.write(f"Queued changes: {report.pending}")
        if report.elasticsearch:
            info = report.elasticsearch
            self.stdout.write(
                f"Elasticsearch: alias {info['alias']} -> {info['index'] or '-'}, "
                f"{info['documents']} documents, mapping v{info['mapping_version']} "
                f"(code v{es_index.MAPPING_VERSION})"
            )
        for problem in report.problems:
            self.stdout.write(self.style.WARNING(problem))
        if not report.healthy:
            raise CommandError("Search index needs attention.")
        self.stdout.write(self.style.SUCCESS("Search index up to date."))
