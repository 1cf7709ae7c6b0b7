"""Save a cluster in two parts: ``Cluster.state`` (clock, shell: changes with every command) and
``ClusterCore.state`` (objects, simulation, random generator: about 100 KB, changes only when the
cluster does), so that a command that only reads the cluster writes a few KB (``services.store``).

On PostgreSQL the large texts are compressed with lz4 where the server has it (14 and later): pglz
took about a millisecond for each ~100 KB state, on every save and undo snapshot.
"""

import json

import django.db.models.deletion
from django.db import migrations, models

CORE_KEYS = ("rng", "server", "sim")  # services.store.CORE_KEYS when this migration was written


def _dumps(data):
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def split_states(apps, schema_editor):
    Cluster = apps.get_model("playground", "Cluster")
    ClusterCore = apps.get_model("playground", "ClusterCore")
    for row in Cluster.objects.only("pk", "state").iterator():
        state = json.loads(row.state)
        core = {k: state.pop(k) for k in CORE_KEYS if k in state}
        Cluster.objects.filter(pk=row.pk).update(state=_dumps(state))
        ClusterCore.objects.update_or_create(cluster_id=row.pk, defaults={"state": _dumps(core)})


def join_states(apps, schema_editor):
    Cluster = apps.get_model("playground", "Cluster")
    ClusterCore = apps.get_model("playground", "ClusterCore")
    for core in ClusterCore.objects.all().iterator():
        row = Cluster.objects.only("pk", "state").get(pk=core.cluster_id)
        state = json.loads(row.state)
        state.update(json.loads(core.state))
        Cluster.objects.filter(pk=row.pk).update(state=_dumps(state))


def lz4_where_available(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
        if not row or not row[0]:  # a server built without lz4
            return
        for table in ("playground_clustercore", "playground_snapshot"):
            cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "state" SET COMPRESSION lz4')


class Migration(migrations.Migration):

    dependencies = [
        ('playground', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ClusterCore',
            fields=[
                ('cluster', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='core', serialize=False, to='playground.cluster')),
                ('state', models.TextField(default='{}', help_text='those parts of Playground.to_state() as JSON text')),
            ],
        ),
        migrations.AlterField(
            model_name='cluster',
            name='state',
            field=models.TextField(help_text='Playground.to_state() without the core parts, as JSON text (parsed only by the engine)'),
        ),
        migrations.RunPython(split_states, join_states),
        migrations.RunPython(lz4_where_available, migrations.RunPython.noop),
    ]
