using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Survey.Web.Hosting;

/// <summary>
/// Data-protection keys in the data_protection_key table, so every Survey.Web process on one database can read
/// every participant and antiforgery cookie (a participant may hit a different process on each request).
/// The interface is synchronous; these are a handful of tiny rows read when the key ring is (re)loaded.
/// </summary>
public sealed class DatabaseXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenConnection();
        return conn.Query<string>("select xml from data_protection_key order by created_at, friendly_name")
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenConnection();
        // Key names are fresh GUIDs; "do nothing" only matters if the same element were stored twice.
        conn.Execute("insert into data_protection_key (friendly_name, xml) values (@friendlyName, @xml) on conflict do nothing",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
