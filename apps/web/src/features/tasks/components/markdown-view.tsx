import { type ReactNode, useMemo } from 'react';
import { Link } from '../../../app/router';
import { type Block, type Inline, parseMarkdown } from '../lib/markdown';

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return (
          <code key={index} className="rounded bg-slate-800 px-1 font-mono text-[0.85em] text-slate-200">
            {node.text}
          </code>
        );
      case 'strong':
        return (
          <strong key={index} className="font-semibold text-slate-100">
            {renderInline(node.children)}
          </strong>
        );
      case 'emphasis':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link':
        // Paths stay in the dashboard; anything else leaves it in a new tab, without an opener.
        return node.href.startsWith('/') || node.href.startsWith('#') ? (
          <Link key={index} to={node.href} className="text-indigo-300 underline">
            {renderInline(node.children)}
          </Link>
        ) : (
          <a
            key={index}
            href={node.href}
            target="_blank"
            rel="noreferrer noopener"
            className="text-indigo-300 underline"
          >
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

const HEADING_CLASSES = ['text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm', 'text-sm'];

function renderBlock(block: Block, index: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      // Within a page whose title is the h1, a description's headings start one level down.
      const Tag = `h${Math.min(6, block.level + 1)}` as 'h2';
      return (
        <Tag key={index} className={`mt-4 font-semibold text-slate-100 first:mt-0 ${HEADING_CLASSES[block.level - 1]}`}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p key={index} className="whitespace-pre-line">
          {renderInline(block.children)}
        </p>
      );
    case 'list':
      return block.ordered ? (
        <ol key={index} start={block.start} className="list-decimal space-y-0.5 pl-6">
          {block.items.map((item, i) => (
            <li key={i}>{renderInline(item)}</li>
          ))}
        </ol>
      ) : (
        <ul key={index} className="list-disc space-y-0.5 pl-6">
          {block.items.map((item, i) => (
            <li key={i}>{renderInline(item)}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div key={index} className="overflow-x-auto">
          <table className="text-left text-sm">
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} className="border border-slate-700 px-2 py-1 font-medium">
                    {renderInline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} className="border border-slate-700 px-2 py-1">
                      {renderInline(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre key={index} className="overflow-x-auto rounded bg-slate-950 p-3 font-mono text-xs text-slate-200">
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={index} className="whitespace-pre-line border-l-2 border-slate-600 pl-3 text-slate-400">
          {renderInline(block.children)}
        </blockquote>
      );
    case 'rule':
      return <hr key={index} className="border-slate-700" />;
  }
}

/** Markdown rendered as React elements (never as HTML), for text written by agents and repositories. */
export function MarkdownView({ source, testId }: { source: string; testId?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="space-y-2 text-sm text-slate-300" data-testid={testId}>
      {blocks.map(renderBlock)}
    </div>
  );
}
