"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('uri', sa.Text(), nullable=False),
    sa.Column('record_id', sa.Text(), nullable=True),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('headline', sa.Text(), nullable=True),
    sa.Column('dek', sa.Text(), nullable=True),
    sa.Column('authors', sa.Text(), nullable=False),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('dateline', sa.Text(), nullable=True),
    sa.Column('origin_outlet', sa.Text(), nullable=True),
    sa.Column('source_outlet', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('republished_by', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('stages', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('analysis', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_articles')),
    sa.UniqueConstraint('id', name=op.f('uq_articles_id'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)

    op.create_table('failures',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uri', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('time', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_failures'))
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('claim_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('claimant_entity', sa.String(length=32), nullable=True),
    sa.Column('claimant_name', sa.Text(), nullable=True),
    sa.Column('claimant_start', sa.Integer(), nullable=True),
    sa.Column('claimant_end', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claims_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_article_id'), ['article_id'], unique=False)
        batch_op.create_index('ix_claims_claimant_name', ['claimant_name'], unique=False)

    op.create_table('clusters',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_clusters_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_clusters'))
    )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clusters_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clusters_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('dates',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_dates_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_dates'))
    )
    with op.batch_alter_table('dates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dates_article_id'), ['article_id'], unique=False)

    op.create_table('documents',
    sa.Column('hash', sa.String(length=40), nullable=False),
    sa.Column('uri', sa.Text(), nullable=False),
    sa.Column('record_id', sa.Text(), nullable=True),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('encoding', sa.String(length=32), nullable=True),
    sa.Column('article_id', sa.String(length=40), nullable=True),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_documents_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hash', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_article_id'), ['article_id'], unique=False)

    op.create_table('duplicates',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('origin_id', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_origin', sa.Boolean(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_duplicates_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['origin_id'], ['articles.id'], name=op.f('fk_duplicates_origin_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_duplicates'))
    )
    with op.batch_alter_table('duplicates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicates_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicates_group_id'), ['group_id'], unique=False)

    op.create_table('entities',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('roles', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_entities_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_entities'))
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_article_id'), ['article_id'], unique=False)
        batch_op.create_index('ix_entities_name', ['name'], unique=False)

    op.create_table('events',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('actor_entity', sa.String(length=32), nullable=True),
    sa.Column('actor_name', sa.Text(), nullable=True),
    sa.Column('actor_start', sa.Integer(), nullable=True),
    sa.Column('actor_end', sa.Integer(), nullable=True),
    sa.Column('target_entity', sa.String(length=32), nullable=True),
    sa.Column('target_name', sa.Text(), nullable=True),
    sa.Column('target_start', sa.Integer(), nullable=True),
    sa.Column('target_end', sa.Integer(), nullable=True),
    sa.Column('when', sa.String(length=32), nullable=True),
    sa.Column('quantities', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_events_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('mentions',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=32), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_article_id'), ['article_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('speaker_entity', sa.String(length=32), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_start', sa.Integer(), nullable=True),
    sa.Column('speaker_end', sa.Integer(), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_quotes_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_article_id'), ['article_id'], unique=False)
        batch_op.create_index('ix_quotes_speaker_name', ['speaker_name'], unique=False)

    op.create_table('reported_speech',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('speaker_entity', sa.String(length=32), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_start', sa.Integer(), nullable=True),
    sa.Column('speaker_end', sa.Integer(), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_reported_speech_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reported_speech'))
    )
    with op.batch_alter_table('reported_speech', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reported_speech_article_id'), ['article_id'], unique=False)

    op.create_table('claim_evidence',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('claim', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=16), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claim_evidence_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim'], ['claims.id'], name=op.f('fk_claim_evidence_claim_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_claim_evidence'))
    )
    with op.batch_alter_table('claim_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_evidence_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_evidence_claim'), ['claim'], unique=False)
        batch_op.create_index('ix_claim_evidence_label', ['label'], unique=False)

    op.create_table('claim_hedges',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('claim', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claim_hedges_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim'], ['claims.id'], name=op.f('fk_claim_hedges_claim_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_claim_hedges'))
    )
    with op.batch_alter_table('claim_hedges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_hedges_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_hedges_claim'), ['claim'], unique=False)

    op.create_table('claim_sources',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('claim', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claim_sources_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim'], ['claims.id'], name=op.f('fk_claim_sources_claim_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_claim_sources'))
    )
    with op.batch_alter_table('claim_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_sources_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_sources_claim'), ['claim'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('claim_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_sources_claim'))
        batch_op.drop_index(batch_op.f('ix_claim_sources_article_id'))

    op.drop_table('claim_sources')
    with op.batch_alter_table('claim_hedges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_hedges_claim'))
        batch_op.drop_index(batch_op.f('ix_claim_hedges_article_id'))

    op.drop_table('claim_hedges')
    with op.batch_alter_table('claim_evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_evidence_label')
        batch_op.drop_index(batch_op.f('ix_claim_evidence_claim'))
        batch_op.drop_index(batch_op.f('ix_claim_evidence_article_id'))

    op.drop_table('claim_evidence')
    with op.batch_alter_table('reported_speech', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reported_speech_article_id'))

    op.drop_table('reported_speech')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index('ix_quotes_speaker_name')
        batch_op.drop_index(batch_op.f('ix_quotes_article_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_article_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_article_id'))

    op.drop_table('events')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_name')
        batch_op.drop_index(batch_op.f('ix_entities_article_id'))

    op.drop_table('entities')
    with op.batch_alter_table('duplicates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicates_group_id'))
        batch_op.drop_index(batch_op.f('ix_duplicates_article_id'))

    op.drop_table('duplicates')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_article_id'))

    op.drop_table('documents')
    with op.batch_alter_table('dates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dates_article_id'))

    op.drop_table('dates')
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clusters_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_clusters_article_id'))

    op.drop_table('clusters')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_claimant_name')
        batch_op.drop_index(batch_op.f('ix_claims_article_id'))

    op.drop_table('claims')
    op.drop_table('failures')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_published'))
        batch_op.drop_index(batch_op.f('ix_articles_outlet'))

    op.drop_table('articles')
